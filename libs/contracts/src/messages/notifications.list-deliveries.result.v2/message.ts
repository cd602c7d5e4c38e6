import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { DELIVERY_V2 } from '../fields';
import { schema as v1 } from '../notifications.list-deliveries.result.v1/message';

/** v1's schema with the kinds of v2 (`NOTIFICATION_KIND_V2`). */
const schema = {
  ...v1,
  properties: { ...v1.properties, deliveries: { type: 'array', items: DELIVERY_V2 } },
} as const satisfies JSONSchema;

export type NotificationsListDeliveriesResultV2 = FromSchema<typeof schema>;

export const NotificationsListDeliveriesResultV2 = defineMessage<NotificationsListDeliveriesResultV2>({
  type: 'notifications.list-deliveries.result.v2',
  kind: 'reply',
  service: 'notifications',
  summary: "A page of the club's deliveries with their status.",
  schema,
});
