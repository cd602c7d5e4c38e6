import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { NOTIFICATION_KIND } from '../fields';

/** Exported for the next major, which builds on it. */
export const schema = {
  type: 'object',
  properties: { kind: NOTIFICATION_KIND },
} as const satisfies JSONSchema;

export type NotificationsListTemplatesV1 = FromSchema<typeof schema>;

export const NotificationsListTemplatesV1 = defineMessage<NotificationsListTemplatesV1>({
  type: 'notifications.list-templates.v1',
  kind: 'command',
  service: 'notifications',
  summary: "The templates in use for the club: its own newest versions, else the platform's defaults.",
  schema,
});
