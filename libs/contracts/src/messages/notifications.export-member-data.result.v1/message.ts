import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { DELIVERY, NOTIFICATION_CHANNEL, NOTIFICATION_PREFERENCES, TIMESTAMP } from '../fields';

/** Exported for the next major, which builds on it. */
export const schema = {
  type: 'object',
  required: ['preferences', 'consentHistory', 'deliveries'],
  properties: {
    preferences: NOTIFICATION_PREFERENCES,
    /** Every consent given or withdrawn, oldest first. */
    consentHistory: {
      type: 'array',
      items: {
        type: 'object',
        required: ['channel', 'granted', 'source', 'recordedAt'],
        additionalProperties: false,
        properties: {
          channel: NOTIFICATION_CHANNEL,
          granted: { type: 'boolean' },
          source: { enum: ['app', 'whatsapp-reply', 'staff'] },
          recordedAt: TIMESTAMP,
        },
      },
    },
    deliveries: { type: 'array', items: DELIVERY },
  },
} as const satisfies JSONSchema;

export type NotificationsExportMemberDataResultV1 = FromSchema<typeof schema>;

export const NotificationsExportMemberDataResultV1 = defineMessage<NotificationsExportMemberDataResultV1>({
  type: 'notifications.export-member-data.result.v1',
  kind: 'reply',
  service: 'notifications',
  summary: "A member's settings, consent history and deliveries.",
  schema,
});
