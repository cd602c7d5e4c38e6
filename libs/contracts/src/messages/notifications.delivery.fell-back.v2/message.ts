import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { NOTIFICATION_KIND_V2 } from '../fields';
import { schema as v1 } from '../notifications.delivery.fell-back.v1/message';

/** v1's schema with the kinds of v2 (`NOTIFICATION_KIND_V2`). */
const schema = {
  ...v1,
  properties: { ...v1.properties, kind: NOTIFICATION_KIND_V2 },
} as const satisfies JSONSchema;

export type NotificationsDeliveryFellBackV2 = FromSchema<typeof schema>;

export const NotificationsDeliveryFellBackV2 = defineMessage<NotificationsDeliveryFellBackV2>({
  type: 'notifications.delivery.fell-back.v2',
  kind: 'event',
  topic: 'notifications.delivery.v1',
  summary: 'A channel or provider could not take a notification; the next one in the plan is tried.',
  schema,
});
