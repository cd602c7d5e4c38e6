import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, UUID } from '../fields';

const schema = {
  type: 'object',
  required: ['connectionId'],
  properties: {
    connectionId: UUID,
    /** Set when a member asks: only their own connection is found. */
    memberId: ID,
  },
} as const satisfies JSONSchema;

export type CalendarSyncListUpcomingEventsV1 = FromSchema<typeof schema>;

export const CalendarSyncListUpcomingEventsV1 = defineMessage<CalendarSyncListUpcomingEventsV1>({
  type: 'calendar-sync.list-upcoming-events.v1',
  kind: 'command',
  service: 'calendar-sync',
  summary: "A connection's upcoming Google events (read through a 300 s cache, dropped on change).",
  schema,
});
