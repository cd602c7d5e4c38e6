import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, REASON } from '../fields';

const schema = {
  type: 'object',
  required: ['reservationId', 'reason'],
  properties: {
    reservationId: ID,
    reason: REASON,
  },
} as const satisfies JSONSchema;

export type PaymentsReleaseCreditV1 = FromSchema<typeof schema>;

export const PaymentsReleaseCreditV1 = defineMessage<PaymentsReleaseCreditV1>({
  type: 'payments.release-credit.v1',
  kind: 'command',
  service: 'payments',
  summary: 'Give a reservation back to the wallet.',
  schema,
});
