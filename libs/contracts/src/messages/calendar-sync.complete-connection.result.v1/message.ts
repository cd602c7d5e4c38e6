import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { REASON, UUID } from '../fields';

const schema = {
  type: 'object',
  required: ['outcome'],
  properties: {
    /** `refused`: the state is unknown, expired, used or someone else's, or Google refused (`reason`). */
    outcome: { enum: ['connected', 'refused', 'unavailable'] },
    connectionId: UUID,
    reason: REASON,
  },
} as const satisfies JSONSchema;

export type CalendarSyncCompleteConnectionResultV1 = FromSchema<typeof schema>;

export const CalendarSyncCompleteConnectionResultV1 = defineMessage<CalendarSyncCompleteConnectionResultV1>({
  type: 'calendar-sync.complete-connection.result.v1',
  kind: 'reply',
  service: 'calendar-sync',
  summary: 'Whether the calendar was connected, and which connection.',
  schema,
});
