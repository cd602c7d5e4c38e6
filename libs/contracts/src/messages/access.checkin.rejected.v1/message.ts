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
    /** The court's name as the club calls it (absent on events written before it was carried). */
    courtName: { type: 'string', minLength: 1, maxLength: 200 },
    reason: REASON,
  },
} as const satisfies JSONSchema;

export type AccessCheckinRejectedV1 = FromSchema<typeof schema>;

export const AccessCheckinRejectedV1 = defineMessage<AccessCheckinRejectedV1>({
  type: 'access.checkin.rejected.v1',
  kind: 'event',
  topic: 'access.checkin.v1',
  summary: 'The check-in was refused before anything was taken (no credit and no payment).',
  schema,
});
