import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { CALENDAR_SCOPE, ID, UUID } from '../fields';

const schema = {
  type: 'object',
  required: ['connectionId', 'scope', 'disconnectedBy'],
  properties: { connectionId: UUID, scope: CALENDAR_SCOPE, memberId: ID, disconnectedBy: ID },
} as const satisfies JSONSchema;

export type CalendarConnectionDisconnectedV1 = FromSchema<typeof schema>;

export const CalendarConnectionDisconnectedV1 = defineMessage<CalendarConnectionDisconnectedV1>({
  type: 'calendar.connection.disconnected.v1',
  kind: 'event',
  topic: 'calendar.connection.v1',
  summary: 'A calendar connection was ended by its owner or staff; its grant was revoked.',
  schema,
});
