import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const schema = {
  type: 'object',
  required: ['reservationId', 'reason'],
  properties: {
    reservationId: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
    reason: {
      type: 'string',
      minLength: 1,
      maxLength: 500,
    },
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
