import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { NOTIFICATION_KIND_V2 } from '../fields';
import { schema as v1 } from '../notifications.list-templates.v1/message';

/** v1's schema with the kinds of v2 (`NOTIFICATION_KIND_V2`). */
const schema = {
  ...v1,
  properties: { ...v1.properties, kind: NOTIFICATION_KIND_V2 },
} as const satisfies JSONSchema;

export type NotificationsListTemplatesV2 = FromSchema<typeof schema>;

export const NotificationsListTemplatesV2 = defineMessage<NotificationsListTemplatesV2>({
  type: 'notifications.list-templates.v2',
  kind: 'command',
  service: 'notifications',
  summary: "The templates in use for the club: its own newest versions, else the platform's defaults.",
  schema,
});
