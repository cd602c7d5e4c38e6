import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { DELIVERIES_CURSOR, ID, TIMESTAMP } from '../fields';

/** Exported for the next major, which builds on it. */
export const schema = {
  type: 'object',
  required: ['limit'],
  properties: {
    memberId: ID,
    status: { enum: ['pending', 'sent', 'delivered', 'read', 'failed'] },
    limit: { type: 'integer', minimum: 1, maximum: 100 },
    /** Only deliveries created before this (a moment; at millisecond precision, rows may share it). */
    before: TIMESTAMP,
    /** The page after the one that answered this `nextCursor` (no row skipped or repeated). */
    cursor: DELIVERIES_CURSOR,
  },
} as const satisfies JSONSchema;

export type NotificationsListDeliveriesV1 = FromSchema<typeof schema>;

export const NotificationsListDeliveriesV1 = defineMessage<NotificationsListDeliveriesV1>({
  type: 'notifications.list-deliveries.v1',
  kind: 'command',
  service: 'notifications',
  summary: "The club's deliveries, newest first (the gateway asks for staff).",
  schema,
});
