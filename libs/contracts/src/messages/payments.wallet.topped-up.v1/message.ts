import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const schema = {
  type: 'object',
  required: ['walletId', 'paymentId', 'amountCentavos', 'balanceCentavos'],
  properties: {
    walletId: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
    paymentId: {
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

export type PaymentsWalletToppedUpV1 = FromSchema<typeof schema>;

export const PaymentsWalletToppedUpV1 = defineMessage<PaymentsWalletToppedUpV1>({
  type: 'payments.wallet.topped-up.v1',
  kind: 'event',
  topic: 'payments.wallet.v1',
  summary: 'A wallet received credit from a successful payment.',
  schema,
});
