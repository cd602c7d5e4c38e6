import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const schema = {
  type: 'object',
  required: ['reservationId', 'memberId', 'amountCentavos', 'reason'],
  properties: {
    reservationId: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
    memberId: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
    amountCentavos: {
      type: 'integer',
      minimum: 1,
    },
    reason: {
      type: 'string',
      minLength: 1,
      maxLength: 500,
    },
  },
} as const satisfies JSONSchema;

export type PaymentsReserveCreditV1 = FromSchema<typeof schema>;

export const PaymentsReserveCreditV1 = defineMessage<PaymentsReserveCreditV1>({
  type: 'payments.reserve-credit.v1',
  kind: 'command',
  service: 'payments',
  summary: "Set aside credit in a member's wallet.",
  schema,
});
