import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { NOTIFICATION_KIND_V2 } from '../fields';
import { schema as v1 } from '../notifications.delivery.read.v1/message';

/** v1's schema with the kinds of v2 (`NOTIFICATION_KIND_V2`). */
const schema = {
  ...v1,
  properties: { ...v1.properties, kind: NOTIFICATION_KIND_V2 },
} as const satisfies JSONSchema;

export type NotificationsDeliveryReadV2 = FromSchema<typeof schema>;

export const NotificationsDeliveryReadV2 = defineMessage<NotificationsDeliveryReadV2>({
  type: 'notifications.delivery.read.v2',
  kind: 'event',
  topic: 'notifications.delivery.v1',
  summary: "The provider reports the notification read on the member's device.",
  schema,
});
