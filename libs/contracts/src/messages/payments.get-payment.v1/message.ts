import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID } from '../fields';

const schema = {
  type: 'object',
  required: ['paymentId'],
  properties: { paymentId: ID, memberId: ID },
} as const satisfies JSONSchema;

export type PaymentsGetPaymentV1 = FromSchema<typeof schema>;

export const PaymentsGetPaymentV1 = defineMessage<PaymentsGetPaymentV1>({
  type: 'payments.get-payment.v1',
  kind: 'command',
  service: 'payments',
  summary: "A payment's status (a query, answered by reply); with memberId, only that member's payment.",
  schema,
});
