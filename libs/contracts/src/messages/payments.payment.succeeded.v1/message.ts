import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const schema = {
  type: 'object',
  required: ['paymentId', 'memberId', 'amountCentavos', 'provider', 'method'],
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
    method: {
      enum: ['card', 'pix'],
    },
  },
} as const satisfies JSONSchema;

export type PaymentsPaymentSucceededV1 = FromSchema<typeof schema>;

export const PaymentsPaymentSucceededV1 = defineMessage<PaymentsPaymentSucceededV1>({
  type: 'payments.payment.succeeded.v1',
  kind: 'event',
  topic: 'payments.payment.v1',
  summary: 'A payment provider confirmed a charge.',
  schema,
});
