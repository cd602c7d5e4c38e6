import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, CENTAVOS, TIMESTAMP } from '../fields';

const schema = {
  type: 'object',
  required: ['sessionId', 'memberId', 'courtId', 'endedAt', 'consumptionCentavos'],
  properties: {
    sessionId: ID,
    memberId: ID,
    courtId: ID,
    /** When the session started (absent on events written before it was carried). */
    startedAt: TIMESTAMP,
    endedAt: TIMESTAMP,
    consumptionCentavos: CENTAVOS,
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
