import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ANNOUNCEMENT, ID, UUID } from '../fields';

const schema = {
  type: 'object',
  required: ['announcementId', 'title', 'text', 'requestedBy'],
  properties: {
    /** Chosen by the caller (derived from its idempotency key): the same id starts nothing new. */
    announcementId: UUID,
    title: ANNOUNCEMENT.properties.title,
    text: ANNOUNCEMENT.properties.text,
    /** The segment: these members only (those who consented to a channel); every consenting member when absent. */
    memberIds: { type: 'array', items: ID, minItems: 1, maxItems: 10000 },
    requestedBy: ID,
  },
} as const satisfies JSONSchema;

export type NotificationsStartAnnouncementV1 = FromSchema<typeof schema>;

export const NotificationsStartAnnouncementV1 = defineMessage<NotificationsStartAnnouncementV1>({
  type: 'notifications.start-announcement.v1',
  kind: 'command',
  service: 'notifications',
  summary: "Send an announcement to the club's members who consented to a channel (paced, resumable).",
  schema,
});
