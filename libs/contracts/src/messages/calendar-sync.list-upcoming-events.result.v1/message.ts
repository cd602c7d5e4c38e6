import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { CALENDAR_EVENT, REASON, TIMESTAMP } from '../fields';

const schema = {
  type: 'object',
  required: ['outcome'],
  properties: {
    /** `unavailable`: Google could not be read now (`reason`). */
    outcome: { enum: ['listed', 'not-found', 'not-active', 'unavailable'] },
    events: { type: 'array', maxItems: 250, items: CALENDAR_EVENT },
    /** When the list was read from Google. */
    readAt: TIMESTAMP,
    reason: REASON,
  },
} as const satisfies JSONSchema;

export type CalendarSyncListUpcomingEventsResultV1 = FromSchema<typeof schema>;

export const CalendarSyncListUpcomingEventsResultV1 = defineMessage<CalendarSyncListUpcomingEventsResultV1>({
  type: 'calendar-sync.list-upcoming-events.result.v1',
  kind: 'reply',
  service: 'calendar-sync',
  summary: "A connection's next Google events, soonest first.",
  schema,
});
