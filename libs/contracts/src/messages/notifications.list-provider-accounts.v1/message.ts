import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const schema = { type: 'object', properties: {} } as const satisfies JSONSchema;

export type NotificationsListProviderAccountsV1 = FromSchema<typeof schema>;

export const NotificationsListProviderAccountsV1 = defineMessage<NotificationsListProviderAccountsV1>({
  type: 'notifications.list-provider-accounts.v1',
  kind: 'command',
  service: 'notifications',
  summary: 'The providers the club has its own account with (the gateway asks for admins).',
  schema,
});
