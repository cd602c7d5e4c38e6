import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const schema = {
  type: 'object',
  required: ['outcome'],
  properties: { outcome: { enum: ['deleted', 'not-found'] } },
} as const satisfies JSONSchema;

export type NotificationsDeleteProviderAccountResultV1 = FromSchema<typeof schema>;

export const NotificationsDeleteProviderAccountResultV1 =
  defineMessage<NotificationsDeleteProviderAccountResultV1>({
    type: 'notifications.delete-provider-account.result.v1',
    kind: 'reply',
    service: 'notifications',
    summary: 'Whether the club had its own account with the provider.',
    schema,
  });
