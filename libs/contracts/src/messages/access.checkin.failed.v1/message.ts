import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, UUID, REASON } from '../fields';

const schema = {
  type: 'object',
  required: ['checkInId', 'memberId', 'courtId', 'reason'],
  properties: {
    checkInId: UUID,
    memberId: ID,
    courtId: ID,
    reason: REASON,
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
