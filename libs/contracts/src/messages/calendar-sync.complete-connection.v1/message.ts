import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID } from '../fields';

const schema = {
  type: 'object',
  required: ['state', 'completedBy'],
  properties: {
    /** What Google sent back to the app: the state, and the code — or the error — of the consent. */
    state: { type: 'string', minLength: 1, maxLength: 2048 },
    code: { type: 'string', minLength: 1, maxLength: 2048 },
    error: { type: 'string', minLength: 1, maxLength: 200 },
    /** The user finishing it: only the one who started the consent may. */
    completedBy: ID,
  },
} as const satisfies JSONSchema;

export type CalendarSyncCompleteConnectionV1 = FromSchema<typeof schema>;

export const CalendarSyncCompleteConnectionV1 = defineMessage<CalendarSyncCompleteConnectionV1>({
  type: 'calendar-sync.complete-connection.v1',
  kind: 'command',
  service: 'calendar-sync',
  summary: 'Finishes a Google consent the same user started: trades the code and connects the calendar.',
  schema,
});
