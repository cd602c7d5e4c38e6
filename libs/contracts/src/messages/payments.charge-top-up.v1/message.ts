import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const schema = {
  type: 'object',
  required: ['paymentId', 'memberId', 'amountCentavos', 'method', 'idempotencyKey'],
  properties: {
    paymentId: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
    memberId: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
    amountCentavos: {
      type: 'integer',
      minimum: 1,
    },
    method: {
      enum: ['card', 'pix'],
    },
    idempotencyKey: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
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
