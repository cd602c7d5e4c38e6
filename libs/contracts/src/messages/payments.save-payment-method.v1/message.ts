import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID } from '../fields';

const schema = {
  type: 'object',
  required: ['memberId', 'token'],
  properties: {
    memberId: ID,
    /** The provider's token for the card the member entered in the app (e.g. a Stripe PaymentMethod). */
    token: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const satisfies JSONSchema;

export type PaymentsSavePaymentMethodV1 = FromSchema<typeof schema>;

export const PaymentsSavePaymentMethodV1 = defineMessage<PaymentsSavePaymentMethodV1>({
  type: 'payments.save-payment-method.v1',
  kind: 'command',
  service: 'payments',
  summary: "Saves a card at the tenant's card provider as the member's method for off-session top-ups.",
  schema,
});
