import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, PIX_CHARGE, REASON } from '../fields';

const schema = {
  type: 'object',
  required: ['paymentId', 'outcome'],
  properties: {
    paymentId: ID,
    outcome: {
      enum: ['succeeded', 'pending', 'failed'],
    },
    reason: REASON,
    /** A pending Pix charge: what the member pays it with. */
    pix: PIX_CHARGE,
  },
} as const satisfies JSONSchema;

export type PaymentsChargeTopUpResultV1 = FromSchema<typeof schema>;

export const PaymentsChargeTopUpResultV1 = defineMessage<PaymentsChargeTopUpResultV1>({
  type: 'payments.charge-top-up.result.v1',
  kind: 'reply',
  service: 'payments',
  summary: 'Outcome of charge-top-up (a Pix charge answers pending and succeeds later).',
  schema,
});
