import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const schema = {
  type: 'object',
  required: ['walletId', 'reservationId', 'amountCentavos', 'balanceCentavos'],
  properties: {
    walletId: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
    reservationId: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
    amountCentavos: {
      type: 'integer',
      minimum: 1,
    },
    balanceCentavos: {
      type: 'integer',
      minimum: 0,
    },
  },
} as const satisfies JSONSchema;

export type PaymentsCreditReservedV1 = FromSchema<typeof schema>;

export const PaymentsCreditReservedV1 = defineMessage<PaymentsCreditReservedV1>({
  type: 'payments.credit.reserved.v1',
  kind: 'event',
  topic: 'payments.wallet.v1',
  summary: 'Credit was set aside in a wallet for a pending charge.',
  schema,
});
