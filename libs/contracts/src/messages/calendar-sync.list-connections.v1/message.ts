import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID } from '../fields';

const schema = {
  type: 'object',
  properties: {
    /** Only this member's connections; absent: every connection of the club. */
    memberId: ID,
  },
} as const satisfies JSONSchema;

export type CalendarSyncListConnectionsV1 = FromSchema<typeof schema>;

export const CalendarSyncListConnectionsV1 = defineMessage<CalendarSyncListConnectionsV1>({
  type: 'calendar-sync.list-connections.v1',
  kind: 'command',
  service: 'calendar-sync',
  summary: "The club's calendar connections, or one member's.",
  schema,
});
