import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { NOTIFICATION_KIND_V2 } from '../fields';
import { schema as v1 } from '../notifications.delivery.failed.v1/message';

/** v1's schema with the kinds of v2 (`NOTIFICATION_KIND_V2`). */
const schema = {
  ...v1,
  properties: { ...v1.properties, kind: NOTIFICATION_KIND_V2 },
} as const satisfies JSONSchema;

export type NotificationsDeliveryFailedV2 = FromSchema<typeof schema>;

export const NotificationsDeliveryFailedV2 = defineMessage<NotificationsDeliveryFailedV2>({
  type: 'notifications.delivery.failed.v2',
  kind: 'event',
  topic: 'notifications.delivery.v1',
  summary: 'No channel could take a notification (or the member consented to none).',
  schema,
});
