import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { DELIVERIES_CURSOR, DELIVERY } from '../fields';

/** Exported for the next major, which builds on it. */
export const schema = {
  type: 'object',
  required: ['deliveries'],
  properties: {
    deliveries: { type: 'array', items: DELIVERY },
    /** Where the next page starts, when this one is full. */
    nextCursor: DELIVERIES_CURSOR,
  },
} as const satisfies JSONSchema;

export type NotificationsListDeliveriesResultV1 = FromSchema<typeof schema>;

export const NotificationsListDeliveriesResultV1 = defineMessage<NotificationsListDeliveriesResultV1>({
  type: 'notifications.list-deliveries.result.v1',
  kind: 'reply',
  service: 'notifications',
  summary: "A page of the club's deliveries with their status.",
  schema,
});
