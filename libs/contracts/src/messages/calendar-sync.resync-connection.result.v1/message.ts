import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const schema = {
  type: 'object',
  required: ['outcome'],
  properties: {
    /** `not-active`: broken or disconnected; the owner connects again first. */
    outcome: { enum: ['scheduled', 'not-found', 'not-active'] },
    /** Bookings queued to be written again. */
    bookings: { type: 'integer', minimum: 0 },
  },
} as const satisfies JSONSchema;

export type CalendarSyncResyncConnectionResultV1 = FromSchema<typeof schema>;

export const CalendarSyncResyncConnectionResultV1 = defineMessage<CalendarSyncResyncConnectionResultV1>({
  type: 'calendar-sync.resync-connection.result.v1',
  kind: 'reply',
  service: 'calendar-sync',
  summary: 'Whether the re-sync was scheduled.',
  schema,
});
