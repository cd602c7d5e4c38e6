import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { NOTIFICATION_KIND_V2 } from '../fields';
import { schema as v1 } from '../notifications.save-template.v1/message';

/** v1's schema with the kinds of v2 (`NOTIFICATION_KIND_V2`). */
const schema = {
  ...v1,
  properties: { ...v1.properties, kind: NOTIFICATION_KIND_V2 },
} as const satisfies JSONSchema;

export type NotificationsSaveTemplateV2 = FromSchema<typeof schema>;

export const NotificationsSaveTemplateV2 = defineMessage<NotificationsSaveTemplateV2>({
  type: 'notifications.save-template.v2',
  kind: 'command',
  service: 'notifications',
  summary:
    "Save a new version of a club's template for a kind and locale (checked: only the kind's variables).",
  schema,
});
