import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, TIMESTAMP, UUID } from '../fields';

const schema = {
  type: 'object',
  required: ['connectionId', 'bookingId', 'eventId', 'change', 'courtName', 'startsAt', 'endsAt', 'timeZone'],
  properties: {
    connectionId: UUID,
    bookingId: UUID,
    /** The member to tell (a member connection's owner). */
    memberId: ID,
    eventId: { type: 'string', minLength: 1, maxLength: 1024 },
    /** What was done in Google and undone: the event was deleted, or moved to another time. */
    change: { enum: ['deleted', 'moved'] },
    courtName: { type: 'string', minLength: 1, maxLength: 200 },
    /** The booking's slot, as restored. */
    startsAt: TIMESTAMP,
    endsAt: TIMESTAMP,
    timeZone: { type: 'string', minLength: 1, maxLength: 64 },
  },
} as const satisfies JSONSchema;

export type CalendarLinkRestoredV1 = FromSchema<typeof schema>;

export const CalendarLinkRestoredV1 = defineMessage<CalendarLinkRestoredV1>({
  type: 'calendar.link.restored.v1',
  kind: 'event',
  topic: 'calendar.link.v1',
  summary:
    "A booking's Google event was changed in Google and put back as the booking is (the platform is the source of truth).",
  schema,
});
