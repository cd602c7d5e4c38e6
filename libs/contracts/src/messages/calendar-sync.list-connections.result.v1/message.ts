import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { CALENDAR_CONNECTION } from '../fields';

const schema = {
  type: 'object',
  required: ['connections'],
  properties: { connections: { type: 'array', maxItems: 10000, items: CALENDAR_CONNECTION } },
} as const satisfies JSONSchema;

export type CalendarSyncListConnectionsResultV1 = FromSchema<typeof schema>;

export const CalendarSyncListConnectionsResultV1 = defineMessage<CalendarSyncListConnectionsResultV1>({
  type: 'calendar-sync.list-connections.result.v1',
  kind: 'reply',
  service: 'calendar-sync',
  summary: 'Calendar connections, newest first, without tokens.',
  schema,
});
