import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, PAYMENT_METHOD, POSITIVE_CENTAVOS } from '../fields';

const schema = {
  type: 'object',
  required: ['paymentId', 'memberId', 'amountCentavos', 'method'],
  properties: { paymentId: ID, memberId: ID, amountCentavos: POSITIVE_CENTAVOS, method: PAYMENT_METHOD },
} as const satisfies JSONSchema;

export type PaymentsCreateTopUpV1 = FromSchema<typeof schema>;

export const PaymentsCreateTopUpV1 = defineMessage<PaymentsCreateTopUpV1>({
  type: 'payments.create-top-up.v1',
  kind: 'command',
  service: 'payments',
  summary:
    'A member tops up their wallet: a card payment their app confirms (client secret) or a Pix charge (QR code). Idempotent per paymentId.',
  schema,
});
