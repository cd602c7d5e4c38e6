import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID } from '../fields';

const schema = {
  type: 'object',
  required: ['reservationId', 'outcome'],
  properties: {
    reservationId: ID,
    outcome: {
      enum: ['released', 'already-committed', 'unknown-reservation'],
    },
  },
} as const satisfies JSONSchema;

export type PaymentsReleaseCreditResultV1 = FromSchema<typeof schema>;

export const PaymentsReleaseCreditResultV1 = defineMessage<PaymentsReleaseCreditResultV1>({
  type: 'payments.release-credit.result.v1',
  kind: 'reply',
  service: 'payments',
  summary: 'Outcome of release-credit.',
  schema,
});
