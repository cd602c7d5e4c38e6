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

export type PaymentsCreditReleasedV1 = FromSchema<typeof schema>;

export const PaymentsCreditReleasedV1 = defineMessage<PaymentsCreditReleasedV1>({
  type: 'payments.credit.released.v1',
  kind: 'event',
  topic: 'payments.wallet.v1',
  summary: 'Reserved credit went back to the wallet.',
  schema,
});
