import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, UUID, REASON, NOTIFICATION_KIND } from '../fields';

/** Exported for the next major, which builds on it. */
export const schema = {
  type: 'object',
  required: ['deliveryId', 'memberId', 'kind', 'reason', 'attempts'],
  properties: {
    deliveryId: UUID,
    memberId: ID,
    kind: NOTIFICATION_KIND,
    reason: REASON,
    /** Attempts made; 0 when the member has no consented channel with an address. */
    attempts: { type: 'integer', minimum: 0 },
  },
} as const satisfies JSONSchema;

export type NotificationsDeliveryFailedV1 = FromSchema<typeof schema>;

export const NotificationsDeliveryFailedV1 = defineMessage<NotificationsDeliveryFailedV1>({
  type: 'notifications.delivery.failed.v1',
  kind: 'event',
  topic: 'notifications.delivery.v1',
  summary: 'No channel could take a notification (or the member consented to none).',
  schema,
});
