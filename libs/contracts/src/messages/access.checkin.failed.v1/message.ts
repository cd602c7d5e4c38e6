import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const schema = {
  type: 'object',
  required: ['checkInId', 'memberId', 'courtId', 'reason'],
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
    reason: {
      type: 'string',
      minLength: 1,
      maxLength: 500,
    },
  },
} as const satisfies JSONSchema;

export type AccessCheckinFailedV1 = FromSchema<typeof schema>;

export const AccessCheckinFailedV1 = defineMessage<AccessCheckinFailedV1>({
  type: 'access.checkin.failed.v1',
  kind: 'event',
  topic: 'access.checkin.v1',
  summary: 'The check-in failed after credit was reserved; the reservation was released.',
  schema,
});
