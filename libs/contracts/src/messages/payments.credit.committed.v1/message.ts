import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const schema = {
  type: 'object',
  required: ['walletId', 'reservationId', 'amountCentavos', 'balanceCentavos'],
  properties: {
    walletId: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
    reservationId: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
    amountCentavos: {
      type: 'integer',
      minimum: 1,
    },
    balanceCentavos: {
      type: 'integer',
      minimum: 0,
    },
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
