import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, UUID, REASON, NOTIFICATION_CHANNEL, NOTIFICATION_KIND, NOTIFICATION_PROVIDER } from '../fields';

const ROUTE = {
  type: 'object',
  required: ['channel', 'provider'],
  additionalProperties: false,
  properties: { channel: NOTIFICATION_CHANNEL, provider: NOTIFICATION_PROVIDER },
} as const;

/** Exported for the next major, which builds on it. */
export const schema = {
  type: 'object',
  required: ['deliveryId', 'memberId', 'kind', 'from', 'to', 'reason'],
  properties: {
    deliveryId: UUID,
    memberId: ID,
    kind: NOTIFICATION_KIND,
    from: ROUTE,
    to: ROUTE,
    reason: REASON,
  },
} as const satisfies JSONSchema;

export type NotificationsDeliveryFellBackV1 = FromSchema<typeof schema>;

export const NotificationsDeliveryFellBackV1 = defineMessage<NotificationsDeliveryFellBackV1>({
  type: 'notifications.delivery.fell-back.v1',
  kind: 'event',
  topic: 'notifications.delivery.v1',
  summary: 'A channel or provider could not take a notification; the next one in the plan is tried.',
  schema,
});
