import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { NOTIFICATION_TEMPLATE_V2 } from '../fields';
import { schema as v1 } from '../notifications.list-templates.result.v1/message';

/** v1's schema with the kinds of v2 (`NOTIFICATION_KIND_V2`). */
const schema = {
  ...v1,
  properties: { ...v1.properties, templates: { type: 'array', items: NOTIFICATION_TEMPLATE_V2 } },
} as const satisfies JSONSchema;

export type NotificationsListTemplatesResultV2 = FromSchema<typeof schema>;

export const NotificationsListTemplatesResultV2 = defineMessage<NotificationsListTemplatesResultV2>({
  type: 'notifications.list-templates.result.v2',
  kind: 'reply',
  service: 'notifications',
  summary: 'Per kind and locale, the template a member would be sent now.',
  schema,
});
