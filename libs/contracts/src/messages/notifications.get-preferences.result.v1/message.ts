import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { NOTIFICATION_PREFERENCES } from '../fields';

const schema = {
  type: 'object',
  required: ['preferences'],
  properties: { preferences: NOTIFICATION_PREFERENCES },
} as const satisfies JSONSchema;

export type NotificationsGetPreferencesResultV1 = FromSchema<typeof schema>;

export const NotificationsGetPreferencesResultV1 = defineMessage<NotificationsGetPreferencesResultV1>({
  type: 'notifications.get-preferences.result.v1',
  kind: 'reply',
  service: 'notifications',
  summary: "A member's notification settings (defaults when they never set any).",
  schema,
});
