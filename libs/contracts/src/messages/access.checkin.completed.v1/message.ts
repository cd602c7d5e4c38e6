import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const schema = {
  type: 'object',
  required: ['checkInId', 'memberId', 'courtId', 'sessionId', 'chargedCentavos'],
  properties: {
    checkInId: {
      type: 'string',
      format: 'uuid',
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
    sessionId: {
      type: 'string',
      minLength: 1,
      maxLength: 100,
    },
    chargedCentavos: {
      type: 'integer',
      minimum: 0,
    },
  },
} as const satisfies JSONSchema;

export type AccessCheckinCompletedV1 = FromSchema<typeof schema>;

export const AccessCheckinCompletedV1 = defineMessage<AccessCheckinCompletedV1>({
  type: 'access.checkin.completed.v1',
  kind: 'event',
  topic: 'access.checkin.v1',
  summary: "The court opened and the session price was taken from the member's credit.",
  schema,
});
