import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { CALENDAR_SCOPE, ID, UUID } from '../fields';

const schema = {
  type: 'object',
  required: ['connectionId', 'scope', 'calendarId', 'connectedBy'],
  properties: {
    connectionId: UUID,
    scope: CALENDAR_SCOPE,
    memberId: ID,
    calendarId: { type: 'string', minLength: 1, maxLength: 1024 },
    accountEmail: { type: 'string', maxLength: 320 },
    connectedBy: ID,
  },
} as const satisfies JSONSchema;

export type CalendarConnectionConnectedV1 = FromSchema<typeof schema>;

export const CalendarConnectionConnectedV1 = defineMessage<CalendarConnectionConnectedV1>({
  type: 'calendar.connection.connected.v1',
  kind: 'event',
  topic: 'calendar.connection.v1',
  summary: "A Google Calendar was connected: the club's or a member's bookings are written to it.",
  schema,
});
