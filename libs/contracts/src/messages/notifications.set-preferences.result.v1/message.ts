import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { NOTIFICATION_PREFERENCES, REASON } from '../fields';

const schema = {
  type: 'object',
  required: ['outcome'],
  properties: {
    outcome: { enum: ['saved', 'invalid'] },
    preferences: NOTIFICATION_PREFERENCES,
    /** With `invalid`: the request field refused and why. */
    field: { type: 'string', maxLength: 100 },
    reason: REASON,
  },
} as const satisfies JSONSchema;

export type NotificationsSetPreferencesResultV1 = FromSchema<typeof schema>;

export const NotificationsSetPreferencesResultV1 = defineMessage<NotificationsSetPreferencesResultV1>({
  type: 'notifications.set-preferences.result.v1',
  kind: 'reply',
  service: 'notifications',
  summary: 'The saved settings, or the field refused (a phone that is not a number, an unknown time zone).',
  schema,
});
