import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { NOTIFICATION_TEMPLATE } from '../fields';

/** Exported for the next major, which builds on it. */
export const schema = {
  type: 'object',
  required: ['templates'],
  properties: { templates: { type: 'array', items: NOTIFICATION_TEMPLATE } },
} as const satisfies JSONSchema;

export type NotificationsListTemplatesResultV1 = FromSchema<typeof schema>;

export const NotificationsListTemplatesResultV1 = defineMessage<NotificationsListTemplatesResultV1>({
  type: 'notifications.list-templates.result.v1',
  kind: 'reply',
  service: 'notifications',
  summary: 'Per kind and locale, the template a member would be sent now.',
  schema,
});
