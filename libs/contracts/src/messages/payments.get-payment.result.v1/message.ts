import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, PAYMENT } from '../fields';

const schema = {
  type: 'object',
  required: ['paymentId'],
  properties: { paymentId: ID, payment: PAYMENT },
} as const satisfies JSONSchema;

export type PaymentsGetPaymentResultV1 = FromSchema<typeof schema>;

export const PaymentsGetPaymentResultV1 = defineMessage<PaymentsGetPaymentResultV1>({
  type: 'payments.get-payment.result.v1',
  kind: 'reply',
  service: 'payments',
  summary: 'The payment, or no payment property when the tenant (or member) has no such payment.',
  schema,
});
