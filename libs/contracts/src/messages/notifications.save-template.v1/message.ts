import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, NOTIFICATION_TEMPLATE } from '../fields';

/** Exported for the next major, which builds on it. */
export const schema = {
  type: 'object',
  required: ['kind', 'locale', 'title', 'body', 'savedBy'],
  properties: {
    kind: NOTIFICATION_TEMPLATE.properties.kind,
    locale: NOTIFICATION_TEMPLATE.properties.locale,
    title: NOTIFICATION_TEMPLATE.properties.title,
    body: NOTIFICATION_TEMPLATE.properties.body,
    whatsapp: NOTIFICATION_TEMPLATE.properties.whatsapp,
    savedBy: ID,
  },
} as const satisfies JSONSchema;

export type NotificationsSaveTemplateV1 = FromSchema<typeof schema>;

export const NotificationsSaveTemplateV1 = defineMessage<NotificationsSaveTemplateV1>({
  type: 'notifications.save-template.v1',
  kind: 'command',
  service: 'notifications',
  summary:
    "Save a new version of a club's template for a kind and locale (checked: only the kind's variables).",
  schema,
});
