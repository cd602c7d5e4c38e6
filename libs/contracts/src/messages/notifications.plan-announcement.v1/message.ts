import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { UUID } from '../fields';

const schema = {
  type: 'object',
  required: ['announcementId'],
  properties: { announcementId: UUID },
} as const satisfies JSONSchema;

export type NotificationsPlanAnnouncementV1 = FromSchema<typeof schema>;

export const NotificationsPlanAnnouncementV1 = defineMessage<NotificationsPlanAnnouncementV1>({
  type: 'notifications.plan-announcement.v1',
  kind: 'command',
  service: 'notifications',
  summary:
    "Give the announcement's next batch of members their deliveries (notifications sends it to itself).",
  schema,
});
