import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { NOTIFICATION_TEMPLATE_V2 } from '../fields';
import { schema as v1 } from '../notifications.save-template.result.v1/message';

/** v1's schema with the kinds of v2 (`NOTIFICATION_KIND_V2`). */
const schema = {
  ...v1,
  properties: { ...v1.properties, template: NOTIFICATION_TEMPLATE_V2 },
} as const satisfies JSONSchema;

export type NotificationsSaveTemplateResultV2 = FromSchema<typeof schema>;

export const NotificationsSaveTemplateResultV2 = defineMessage<NotificationsSaveTemplateResultV2>({
  type: 'notifications.save-template.result.v2',
  kind: 'reply',
  service: 'notifications',
  summary: 'The saved version, or the field and variable refused.',
  schema,
});
