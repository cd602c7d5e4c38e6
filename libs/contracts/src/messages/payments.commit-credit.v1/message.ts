import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID } from '../fields';

const schema = {
  type: 'object',
  required: ['reservationId'],
  properties: {
    reservationId: ID,
  },
} as const satisfies JSONSchema;

export type PaymentsCommitCreditV1 = FromSchema<typeof schema>;

export const PaymentsCommitCreditV1 = defineMessage<PaymentsCommitCreditV1>({
  type: 'payments.commit-credit.v1',
  kind: 'command',
  service: 'payments',
  summary: 'Spend a reservation.',
  schema,
});
