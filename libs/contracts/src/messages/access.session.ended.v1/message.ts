import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const schema = {
  type: 'object',
  required: ['sessionId', 'memberId', 'courtId', 'endedAt', 'consumptionCentavos'],
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
    endedAt: {
      type: 'string',
      format: 'date-time',
    },
    consumptionCentavos: {
      type: 'integer',
      minimum: 0,
    },
  },
} as const satisfies JSONSchema;

export type AccessSessionEndedV1 = FromSchema<typeof schema>;

export const AccessSessionEndedV1 = defineMessage<AccessSessionEndedV1>({
  type: 'access.session.ended.v1',
  kind: 'event',
  topic: 'access.session.v1',
  summary: 'A court session ended, with what the member consumed.',
  schema,
});
