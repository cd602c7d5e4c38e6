import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { NOTIFICATION_TEMPLATE, REASON } from '../fields';

/** Exported for the next major, which builds on it. */
export const schema = {
  type: 'object',
  required: ['outcome'],
  properties: {
    outcome: { enum: ['saved', 'invalid'] },
    template: NOTIFICATION_TEMPLATE,
    /** With `invalid`: the field refused (`body`, `title`, `whatsapp.parameters`) and why. */
    field: { type: 'string', maxLength: 100 },
    /** With `invalid` for an unknown variable: its name. */
    variable: { type: 'string', maxLength: 200 },
    reason: REASON,
  },
} as const satisfies JSONSchema;

export type NotificationsSaveTemplateResultV1 = FromSchema<typeof schema>;

export const NotificationsSaveTemplateResultV1 = defineMessage<NotificationsSaveTemplateResultV1>({
  type: 'notifications.save-template.result.v1',
  kind: 'reply',
  service: 'notifications',
  summary: 'The saved version, or the field and variable refused.',
  schema,
});
