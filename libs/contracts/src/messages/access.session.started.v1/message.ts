import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, TIMESTAMP } from '../fields';

const schema = {
  type: 'object',
  required: ['sessionId', 'memberId', 'courtId', 'startedAt'],
  properties: {
    sessionId: ID,
    memberId: ID,
    courtId: ID,
    startedAt: TIMESTAMP,
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
