import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { CENTAVOS, ID, PAYMENT_PROVIDER, POSITIVE_CENTAVOS } from '../fields';

const schema = {
  type: 'object',
  required: [
    'paymentId',
    'memberId',
    'refundedCentavos',
    'provider',
    'recoveredCentavos',
    'unrecoveredCentavos',
  ],
  properties: {
    paymentId: ID,
    memberId: ID,
    refundedCentavos: POSITIVE_CENTAVOS,
    provider: PAYMENT_PROVIDER,
    /** Taken back from the wallet's available credit. */
    recoveredCentavos: CENTAVOS,
    /** Already spent: the club collects it from the member. */
    unrecoveredCentavos: CENTAVOS,
  },
} as const satisfies JSONSchema;

export type PaymentsPaymentRefundedV1 = FromSchema<typeof schema>;

export const PaymentsPaymentRefundedV1 = defineMessage<PaymentsPaymentRefundedV1>({
  type: 'payments.payment.refunded.v1',
  kind: 'event',
  topic: 'payments.payment.v1',
  summary: 'The provider refunded (part of) a top-up; the credit it bought is taken back from the wallet.',
  schema,
});
