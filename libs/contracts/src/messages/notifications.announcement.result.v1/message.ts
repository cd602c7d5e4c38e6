import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ANNOUNCEMENT } from '../fields';

const schema = {
  type: 'object',
  properties: { announcement: ANNOUNCEMENT },
} as const satisfies JSONSchema;

export type NotificationsAnnouncementResultV1 = FromSchema<typeof schema>;

export const NotificationsAnnouncementResultV1 = defineMessage<NotificationsAnnouncementResultV1>({
  type: 'notifications.announcement.result.v1',
  kind: 'reply',
  service: 'notifications',
  summary: 'The announcement and its progress; absent when the club has none with that id.',
  schema,
});
