import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, CENTAVOS, POSITIVE_CENTAVOS } from '../fields';

const schema = {
  type: 'object',
  required: ['walletId', 'paymentId', 'amountCentavos', 'balanceCentavos'],
  properties: {
    walletId: ID,
    paymentId: ID,
    amountCentavos: POSITIVE_CENTAVOS,
    balanceCentavos: CENTAVOS,
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
