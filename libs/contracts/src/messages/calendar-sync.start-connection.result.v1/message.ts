import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { TIMESTAMP } from '../fields';

const schema = {
  type: 'object',
  required: ['authorizationUrl', 'expiresAt'],
  properties: {
    /** Google's consent screen; it returns to calendar-sync's OAuth callback. */
    authorizationUrl: { type: 'string', maxLength: 4096 },
    /** When the `state` in the URL stops being accepted. */
    expiresAt: TIMESTAMP,
  },
} as const satisfies JSONSchema;

export type CalendarSyncStartConnectionResultV1 = FromSchema<typeof schema>;

export const CalendarSyncStartConnectionResultV1 = defineMessage<CalendarSyncStartConnectionResultV1>({
  type: 'calendar-sync.start-connection.result.v1',
  kind: 'reply',
  service: 'calendar-sync',
  summary: 'The Google consent URL to send the user to.',
  schema,
});
