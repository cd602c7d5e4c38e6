import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { CALENDAR_SCOPE, ID, REASON, UUID } from '../fields';

const schema = {
  type: 'object',
  required: ['connectionId', 'scope', 'reason'],
  properties: {
    connectionId: UUID,
    scope: CALENDAR_SCOPE,
    /** The member to tell (`scope: member`). */
    memberId: ID,
    /** Google's words (`invalid_grant: Token has been expired or revoked`). */
    reason: REASON,
  },
} as const satisfies JSONSchema;

export type CalendarConnectionBrokenV1 = FromSchema<typeof schema>;

export const CalendarConnectionBrokenV1 = defineMessage<CalendarConnectionBrokenV1>({
  type: 'calendar.connection.broken.v1',
  kind: 'event',
  topic: 'calendar.connection.v1',
  summary: 'Google refused the grant (revoked or expired): nothing syncs until the owner connects again.',
  schema,
});
