import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, UUID } from '../fields';

const schema = {
  type: 'object',
  required: ['connectionId', 'requestedBy'],
  properties: {
    connectionId: UUID,
    /** Set when a member asks: only their own connection is found. */
    memberId: ID,
    requestedBy: ID,
  },
} as const satisfies JSONSchema;

export type CalendarSyncDisconnectV1 = FromSchema<typeof schema>;

export const CalendarSyncDisconnectV1 = defineMessage<CalendarSyncDisconnectV1>({
  type: 'calendar-sync.disconnect.v1',
  kind: 'command',
  service: 'calendar-sync',
  summary: 'Disconnects a calendar: revokes the Google grant, stops its push channel, forgets its tokens.',
  schema,
});
