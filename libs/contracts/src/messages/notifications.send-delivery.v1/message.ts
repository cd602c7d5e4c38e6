import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { UUID } from '../fields';

const schema = {
  type: 'object',
  required: ['deliveryId'],
  properties: { deliveryId: UUID },
} as const satisfies JSONSchema;

export type NotificationsSendDeliveryV1 = FromSchema<typeof schema>;

export const NotificationsSendDeliveryV1 = defineMessage<NotificationsSendDeliveryV1>({
  type: 'notifications.send-delivery.v1',
  kind: 'command',
  service: 'notifications',
  summary:
    'Send a delivery on its current channel and provider (notifications sends it to itself: a local durable step).',
  schema,
});
