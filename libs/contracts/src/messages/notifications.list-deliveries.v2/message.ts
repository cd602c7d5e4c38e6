import type { FromSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { schema as v1 } from '../notifications.list-deliveries.v1/message';

/** v1's schema: the command is new only because its reply carries the kinds of v2. */
const schema = v1;

export type NotificationsListDeliveriesV2 = FromSchema<typeof schema>;

export const NotificationsListDeliveriesV2 = defineMessage<NotificationsListDeliveriesV2>({
  type: 'notifications.list-deliveries.v2',
  kind: 'command',
  service: 'notifications',
  summary: "The club's deliveries, newest first (the gateway asks for staff).",
  schema,
});
