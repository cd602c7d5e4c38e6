import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { UUID } from '../fields';

const schema = {
  type: 'object',
  required: ['announcementId'],
  properties: { announcementId: UUID },
} as const satisfies JSONSchema;

export type NotificationsGetAnnouncementV1 = FromSchema<typeof schema>;

export const NotificationsGetAnnouncementV1 = defineMessage<NotificationsGetAnnouncementV1>({
  type: 'notifications.get-announcement.v1',
  kind: 'command',
  service: 'notifications',
  summary: "An announcement's progress (the club's own only).",
  schema,
});
