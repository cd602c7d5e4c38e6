import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, UUID, NOTIFICATION_CHANNEL, NOTIFICATION_KIND, NOTIFICATION_PROVIDER } from '../fields';

/** Exported for the next major, which builds on it. */
export const schema = {
  type: 'object',
  required: ['deliveryId', 'memberId', 'kind', 'channel', 'provider'],
  properties: {
    deliveryId: UUID,
    memberId: ID,
    kind: NOTIFICATION_KIND,
    channel: NOTIFICATION_CHANNEL,
    provider: NOTIFICATION_PROVIDER,
  },
} as const satisfies JSONSchema;

export type NotificationsDeliveryDeliveredV1 = FromSchema<typeof schema>;

export const NotificationsDeliveryDeliveredV1 = defineMessage<NotificationsDeliveryDeliveredV1>({
  type: 'notifications.delivery.delivered.v1',
  kind: 'event',
  topic: 'notifications.delivery.v1',
  summary: "The provider reports the notification delivered on the member's device.",
  schema,
});
