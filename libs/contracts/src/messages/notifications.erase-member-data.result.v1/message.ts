import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const COUNT = { type: 'integer', minimum: 0 } as const;

const schema = {
  type: 'object',
  required: ['erased'],
  properties: {
    /** How many of each were erased. */
    erased: {
      type: 'object',
      required: ['preferences', 'consents', 'pushDevices', 'deliveries', 'webhooks', 'receipts'],
      additionalProperties: false,
      properties: {
        preferences: COUNT,
        consents: COUNT,
        pushDevices: COUNT,
        deliveries: COUNT,
        webhooks: COUNT,
        receipts: COUNT,
      },
    },
  },
} as const satisfies JSONSchema;

export type NotificationsEraseMemberDataResultV1 = FromSchema<typeof schema>;

export const NotificationsEraseMemberDataResultV1 = defineMessage<NotificationsEraseMemberDataResultV1>({
  type: 'notifications.erase-member-data.result.v1',
  kind: 'reply',
  service: 'notifications',
  summary: 'What was erased about the member.',
  schema,
});
