import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const schema = {
  type: 'object',
  required: ['outcome'],
  properties: { outcome: { enum: ['disconnected', 'not-found'] } },
} as const satisfies JSONSchema;

export type CalendarSyncDisconnectResultV1 = FromSchema<typeof schema>;

export const CalendarSyncDisconnectResultV1 = defineMessage<CalendarSyncDisconnectResultV1>({
  type: 'calendar-sync.disconnect.result.v1',
  kind: 'reply',
  service: 'calendar-sync',
  summary: 'Whether the connection existed (a disconnected one stays listed as such).',
  schema,
});
