import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, CENTAVOS, POSITIVE_CENTAVOS } from '../fields';

const schema = {
  type: 'object',
  required: ['walletId', 'reservationId', 'amountCentavos', 'balanceCentavos'],
  properties: {
    walletId: ID,
    reservationId: ID,
    amountCentavos: POSITIVE_CENTAVOS,
    balanceCentavos: CENTAVOS,
  },
} as const satisfies JSONSchema;

export type PaymentsCreditCommittedV1 = FromSchema<typeof schema>;

export const PaymentsCreditCommittedV1 = defineMessage<PaymentsCreditCommittedV1>({
  type: 'payments.credit.committed.v1',
  kind: 'event',
  topic: 'payments.wallet.v1',
  summary: 'Reserved credit was spent.',
  schema,
});
