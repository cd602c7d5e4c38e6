import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { DELIVERY_V2 } from '../fields';
import { schema as v1 } from '../notifications.export-member-data.result.v1/message';

/** v1's schema with the kinds of v2 (`NOTIFICATION_KIND_V2`). */
const schema = {
  ...v1,
  properties: { ...v1.properties, deliveries: { type: 'array', items: DELIVERY_V2 } },
} as const satisfies JSONSchema;

export type NotificationsExportMemberDataResultV2 = FromSchema<typeof schema>;

export const NotificationsExportMemberDataResultV2 = defineMessage<NotificationsExportMemberDataResultV2>({
  type: 'notifications.export-member-data.result.v2',
  kind: 'reply',
  service: 'notifications',
  summary: "A member's settings, consent history and deliveries.",
  schema,
});
