import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const schema = {
  type: 'object',
  required: ['paymentId', 'memberId', 'amountCentavos', 'provider', 'reason'],
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
    provider: {
      enum: ['stripe', 'mercadopago', 'pagseguro'],
    },
    reason: {
      type: 'string',
      minLength: 1,
      maxLength: 500,
    },
  },
} as const satisfies JSONSchema;

export type PaymentsPaymentFailedV1 = FromSchema<typeof schema>;

export const PaymentsPaymentFailedV1 = defineMessage<PaymentsPaymentFailedV1>({
  type: 'payments.payment.failed.v1',
  kind: 'event',
  topic: 'payments.payment.v1',
  summary: 'A payment provider declined a charge or it expired.',
  schema,
});
