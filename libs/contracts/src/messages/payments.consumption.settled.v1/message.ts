import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { CENTAVOS, ID } from '../fields';

const schema = {
  type: 'object',
  required: [
    'walletId',
    'sessionId',
    'consumptionCentavos',
    'chargedCentavos',
    'unpaidCentavos',
    'balanceCentavos',
  ],
  properties: {
    walletId: ID,
    sessionId: ID,
    consumptionCentavos: CENTAVOS,
    chargedCentavos: CENTAVOS,
    /** What the credit did not cover; the club collects it at the desk. */
    unpaidCentavos: CENTAVOS,
    balanceCentavos: CENTAVOS,
  },
} as const satisfies JSONSchema;

export type PaymentsConsumptionSettledV1 = FromSchema<typeof schema>;

export const PaymentsConsumptionSettledV1 = defineMessage<PaymentsConsumptionSettledV1>({
  type: 'payments.consumption.settled.v1',
  kind: 'event',
  topic: 'payments.wallet.v1',
  summary: "A session's consumption (bar, shop) taken from the member's credit, with what it did not cover.",
  schema,
});
