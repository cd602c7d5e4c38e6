import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, UUID, NOTIFICATION_CHANNEL, NOTIFICATION_KIND, NOTIFICATION_PROVIDER } from '../fields';

/** Exported for the next major, which builds on it. */
export const schema = {
  type: 'object',
  required: ['deliveryId', 'memberId', 'kind', 'channel', 'provider', 'attempts'],
  properties: {
    deliveryId: UUID,
    memberId: ID,
    kind: NOTIFICATION_KIND,
    channel: NOTIFICATION_CHANNEL,
    provider: NOTIFICATION_PROVIDER,
    /** Attempts this delivery took, this one included. */
    attempts: { type: 'integer', minimum: 1 },
  },
} as const satisfies JSONSchema;

export type NotificationsDeliverySentV1 = FromSchema<typeof schema>;

export const NotificationsDeliverySentV1 = defineMessage<NotificationsDeliverySentV1>({
  type: 'notifications.delivery.sent.v1',
  kind: 'event',
  topic: 'notifications.delivery.v1',
  summary: 'A provider accepted a notification for a member.',
  schema,
});
