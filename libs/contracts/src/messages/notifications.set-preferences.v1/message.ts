import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, LOCALE, NOTIFICATION_CHANNEL, TIME_OF_DAY } from '../fields';

const schema = {
  type: 'object',
  required: ['memberId', 'source'],
  properties: {
    memberId: ID,
    /** Who changes them: the member in the app, or staff at the desk. */
    source: { enum: ['app', 'staff'] },
    /** Any Brazilian or international notation; stored in E.164. `null` removes it. */
    phone: { type: ['string', 'null'], maxLength: 32 },
    email: { type: ['string', 'null'], maxLength: 254 },
    channels: { type: 'array', items: NOTIFICATION_CHANNEL, maxItems: 4 },
    locale: LOCALE,
    timeZone: { type: 'string', minLength: 1, maxLength: 64 },
    quietHours: {
      type: ['object', 'null'],
      required: ['start', 'end'],
      additionalProperties: false,
      properties: { start: TIME_OF_DAY, end: TIME_OF_DAY },
    },
    /** Consent given or withdrawn per channel, recorded with when and how. */
    consents: {
      type: 'array',
      maxItems: 4,
      items: {
        type: 'object',
        required: ['channel', 'granted'],
        additionalProperties: false,
        properties: { channel: NOTIFICATION_CHANNEL, granted: { type: 'boolean' } },
      },
    },
    /** FCM registration tokens of the member's devices to add or remove. */
    addPushTokens: { type: 'array', maxItems: 10, items: { type: 'string', minLength: 8, maxLength: 4096 } },
    removePushTokens: {
      type: 'array',
      maxItems: 10,
      items: { type: 'string', minLength: 8, maxLength: 4096 },
    },
  },
} as const satisfies JSONSchema;

export type NotificationsSetPreferencesV1 = FromSchema<typeof schema>;

export const NotificationsSetPreferencesV1 = defineMessage<NotificationsSetPreferencesV1>({
  type: 'notifications.set-preferences.v1',
  kind: 'command',
  service: 'notifications',
  summary:
    "Change a member's contacts, channel order, quiet hours, consents or push devices (only the fields given).",
  schema,
});
