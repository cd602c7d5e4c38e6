import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, POSITIVE_CENTAVOS, REASON } from '../fields';

const schema = {
  type: 'object',
  required: ['reservationId', 'memberId', 'amountCentavos', 'reason'],
  properties: {
    reservationId: ID,
    memberId: ID,
    amountCentavos: POSITIVE_CENTAVOS,
    reason: REASON,
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
