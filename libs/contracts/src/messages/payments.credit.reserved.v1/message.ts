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

export type PaymentsCreditReservedV1 = FromSchema<typeof schema>;

export const PaymentsCreditReservedV1 = defineMessage<PaymentsCreditReservedV1>({
  type: 'payments.credit.reserved.v1',
  kind: 'event',
  topic: 'payments.wallet.v1',
  summary: 'Credit was set aside in a wallet for a pending charge.',
  schema,
});
