import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID } from '../fields';

const schema = {
  type: 'object',
  required: ['reservationId', 'outcome'],
  properties: {
    reservationId: ID,
    outcome: {
      enum: ['committed', 'unknown-reservation'],
    },
  },
} as const satisfies JSONSchema;

export type PaymentsCommitCreditResultV1 = FromSchema<typeof schema>;

export const PaymentsCommitCreditResultV1 = defineMessage<PaymentsCommitCreditResultV1>({
  type: 'payments.commit-credit.result.v1',
  kind: 'reply',
  service: 'payments',
  summary: 'Outcome of commit-credit.',
  schema,
});
