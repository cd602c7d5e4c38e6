import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, UUID } from '../fields';

const schema = {
  type: 'object',
  required: ['connectionId', 'requestedBy'],
  properties: { connectionId: UUID, requestedBy: ID },
} as const satisfies JSONSchema;

export type CalendarSyncResyncConnectionV1 = FromSchema<typeof schema>;

export const CalendarSyncResyncConnectionV1 = defineMessage<CalendarSyncResyncConnectionV1>({
  type: 'calendar-sync.resync-connection.v1',
  kind: 'command',
  service: 'calendar-sync',
  summary: 'Operator re-sync: every booking of the connection is written again, then a full sync back.',
  schema,
});
