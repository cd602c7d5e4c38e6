import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { CENTAVOS, ID, TIMESTAMP, UUID } from '../fields';

const schema = {
  type: 'object',
  required: ['memberId', 'availableCentavos', 'reservedCentavos', 'ledger'],
  properties: {
    memberId: ID,
    availableCentavos: CENTAVOS,
    reservedCentavos: CENTAVOS,
    ledger: {
      type: 'array',
      items: {
        type: 'object',
        required: ['movementId', 'kind', 'reference', 'account', 'amountCentavos', 'createdAt'],
        properties: {
          movementId: UUID,
          kind: { type: 'string' },
          reference: { type: 'string' },
          account: { type: 'string' },
          amountCentavos: { type: 'integer' },
          createdAt: TIMESTAMP,
        },
      },
    },
  },
} as const satisfies JSONSchema;

export type PaymentsGetWalletResultV1 = FromSchema<typeof schema>;

export const PaymentsGetWalletResultV1 = defineMessage<PaymentsGetWalletResultV1>({
  type: 'payments.get-wallet.result.v1',
  kind: 'reply',
  service: 'payments',
  summary: 'The wallet: balances in centavos and the newest ledger entries of its accounts.',
  schema,
});
