import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, CENTAVOS } from '../fields';

const schema = {
  type: 'object',
  required: ['reservationId', 'outcome', 'balanceCentavos'],
  properties: {
    reservationId: ID,
    outcome: {
      enum: ['reserved', 'insufficient-credit'],
    },
    balanceCentavos: CENTAVOS,
    shortfallCentavos: CENTAVOS,
  },
} as const satisfies JSONSchema;

export type PaymentsReserveCreditResultV1 = FromSchema<typeof schema>;

export const PaymentsReserveCreditResultV1 = defineMessage<PaymentsReserveCreditResultV1>({
  type: 'payments.reserve-credit.result.v1',
  kind: 'reply',
  service: 'payments',
  summary: 'Outcome of reserve-credit.',
  schema,
});
