import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, PAYMENT_PROVIDER, REASON } from '../fields';

const schema = {
  type: 'object',
  required: ['outcome'],
  properties: {
    outcome: { enum: ['saved', 'refused'] },
    method: {
      type: 'object',
      required: ['methodId', 'provider'],
      additionalProperties: false,
      properties: {
        methodId: ID,
        provider: PAYMENT_PROVIDER,
        brand: { type: 'string', maxLength: 40 },
        last4: { type: 'string', maxLength: 4 },
      },
    },
    reason: REASON,
  },
} as const satisfies JSONSchema;

export type PaymentsSavePaymentMethodResultV1 = FromSchema<typeof schema>;

export const PaymentsSavePaymentMethodResultV1 = defineMessage<PaymentsSavePaymentMethodResultV1>({
  type: 'payments.save-payment-method.result.v1',
  kind: 'reply',
  service: 'payments',
  summary: 'The saved method, or why the provider refused the card.',
  schema,
});
