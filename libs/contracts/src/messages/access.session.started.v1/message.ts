import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const schema = {
  type: 'object',
  required: ['sessionId', 'memberId', 'courtId', 'startedAt'],
  properties: {
    sessionId: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
    memberId: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
    courtId: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
    startedAt: {
      type: 'string',
      format: 'date-time',
    },
  },
} as const satisfies JSONSchema;

export type AccessSessionStartedV1 = FromSchema<typeof schema>;

export const AccessSessionStartedV1 = defineMessage<AccessSessionStartedV1>({
  type: 'access.session.started.v1',
  kind: 'event',
  topic: 'access.session.v1',
  summary: 'A court session began (the access vendor opened the court).',
  schema,
});
