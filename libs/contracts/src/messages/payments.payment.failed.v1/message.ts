import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, POSITIVE_CENTAVOS, REASON, PAYMENT_PROVIDER } from '../fields';

const schema = {
  type: 'object',
  required: ['paymentId', 'memberId', 'amountCentavos', 'provider', 'reason'],
  properties: {
    paymentId: ID,
    memberId: ID,
    amountCentavos: POSITIVE_CENTAVOS,
    provider: PAYMENT_PROVIDER,
    reason: REASON,
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
