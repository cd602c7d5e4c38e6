import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, UUID, CENTAVOS } from '../fields';

const schema = {
  type: 'object',
  required: ['checkInId', 'memberId', 'courtId', 'sessionId', 'chargedCentavos'],
  properties: {
    checkInId: UUID,
    memberId: ID,
    courtId: ID,
    /** The court's name as the club calls it (absent on events written before it was carried). */
    courtName: { type: 'string', minLength: 1, maxLength: 200 },
    sessionId: ID,
    chargedCentavos: CENTAVOS,
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
