import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, POSITIVE_CENTAVOS, PAYMENT_METHOD } from '../fields';

const schema = {
  type: 'object',
  required: ['paymentId', 'memberId', 'amountCentavos', 'method', 'idempotencyKey'],
  properties: {
    paymentId: ID,
    memberId: ID,
    amountCentavos: POSITIVE_CENTAVOS,
    method: PAYMENT_METHOD,
    idempotencyKey: ID,
  },
} as const satisfies JSONSchema;

export type PaymentsChargeTopUpV1 = FromSchema<typeof schema>;

export const PaymentsChargeTopUpV1 = defineMessage<PaymentsChargeTopUpV1>({
  type: 'payments.charge-top-up.v1',
  kind: 'command',
  service: 'payments',
  summary: 'Charge a saved card or create a Pix charge and credit the wallet when paid.',
  schema,
});
