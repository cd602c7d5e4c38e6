import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, POSITIVE_CENTAVOS, PAYMENT_PROVIDER, PAYMENT_METHOD } from '../fields';

const schema = {
  type: 'object',
  required: ['paymentId', 'memberId', 'amountCentavos', 'provider', 'method'],
  properties: {
    paymentId: ID,
    memberId: ID,
    amountCentavos: POSITIVE_CENTAVOS,
    provider: PAYMENT_PROVIDER,
    method: PAYMENT_METHOD,
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
