import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { CALENDAR_SCOPE, ID } from '../fields';

const schema = {
  type: 'object',
  required: ['scope', 'requestedBy'],
  properties: {
    scope: CALENDAR_SCOPE,
    /** The member whose bookings go to their calendar (`scope: member`). */
    memberId: ID,
    /** The user who will complete the consent: the `state` is bound to them. */
    requestedBy: ID,
    /** Prefills the Google account on the consent screen. */
    loginHint: { type: 'string', maxLength: 320 },
  },
} as const satisfies JSONSchema;

export type CalendarSyncStartConnectionV1 = FromSchema<typeof schema>;

export const CalendarSyncStartConnectionV1 = defineMessage<CalendarSyncStartConnectionV1>({
  type: 'calendar-sync.start-connection.v1',
  kind: 'command',
  service: 'calendar-sync',
  summary: 'Starts connecting a Google Calendar: answers the consent URL with a single-use state.',
  schema,
});
