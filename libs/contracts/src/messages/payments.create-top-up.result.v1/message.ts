import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { PAYMENT } from '../fields';

const schema = {
  type: 'object',
  required: ['payment'],
  properties: {
    payment: PAYMENT,
    /** For a card top-up: what the member's app confirms the payment with (Stripe.js). */
    clientSecret: { type: 'string', minLength: 1, maxLength: 500 },
  },
} as const satisfies JSONSchema;

export type PaymentsCreateTopUpResultV1 = FromSchema<typeof schema>;

export const PaymentsCreateTopUpResultV1 = defineMessage<PaymentsCreateTopUpResultV1>({
  type: 'payments.create-top-up.result.v1',
  kind: 'reply',
  service: 'payments',
  summary: 'The top-up just created (or the one already created for this paymentId).',
  schema,
});
