import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const schema = {
  type: 'object',
  required: ['reservationId', 'outcome', 'balanceCentavos'],
  properties: {
    reservationId: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
    outcome: {
      enum: ['reserved', 'insufficient-credit'],
    },
    balanceCentavos: {
      type: 'integer',
      minimum: 0,
    },
    shortfallCentavos: {
      type: 'integer',
      minimum: 0,
    },
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
