import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID } from '../fields';

const schema = {
  type: 'object',
  required: ['memberId'],
  properties: { memberId: ID, ledgerLimit: { type: 'integer', minimum: 0, maximum: 500 } },
} as const satisfies JSONSchema;

export type PaymentsGetWalletV1 = FromSchema<typeof schema>;

export const PaymentsGetWalletV1 = defineMessage<PaymentsGetWalletV1>({
  type: 'payments.get-wallet.v1',
  kind: 'command',
  service: 'payments',
  summary: "A member's wallet balances and latest ledger entries (a query, answered by reply).",
  schema,
});
