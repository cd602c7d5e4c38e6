import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { NOTIFICATION_PROVIDER } from '../fields';

const schema = {
  type: 'object',
  required: ['provider'],
  properties: { provider: NOTIFICATION_PROVIDER },
} as const satisfies JSONSchema;

export type NotificationsDeleteProviderAccountV1 = FromSchema<typeof schema>;

export const NotificationsDeleteProviderAccountV1 = defineMessage<NotificationsDeleteProviderAccountV1>({
  type: 'notifications.delete-provider-account.v1',
  kind: 'command',
  service: 'notifications',
  summary: "Remove the club's own account with a provider: the platform's is used again.",
  schema,
});
