import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { PROVIDER_ACCOUNT_VIEW } from '../fields';

const schema = {
  type: 'object',
  required: ['accounts'],
  properties: { accounts: { type: 'array', maxItems: 4, items: PROVIDER_ACCOUNT_VIEW } },
} as const satisfies JSONSchema;

export type NotificationsListProviderAccountsResultV1 = FromSchema<typeof schema>;

export const NotificationsListProviderAccountsResultV1 =
  defineMessage<NotificationsListProviderAccountsResultV1>({
    type: 'notifications.list-provider-accounts.result.v1',
    kind: 'reply',
    service: 'notifications',
    summary: "The club's own accounts, by provider, without their secrets.",
    schema,
  });
