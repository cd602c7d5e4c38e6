import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, UUID, CENTAVOS } from '../fields';

const schema = {
  type: 'object',
  required: ['checkInId', 'memberId', 'courtId', 'channel', 'priceCentavos'],
  properties: {
    checkInId: UUID,
    memberId: ID,
    courtId: ID,
    channel: {
      enum: ['app', 'rfid', 'court-panel'],
    },
    priceCentavos: CENTAVOS,
  },
} as const satisfies JSONSchema;

export type AccessCheckinRequestedV1 = FromSchema<typeof schema>;

export const AccessCheckinRequestedV1 = defineMessage<AccessCheckinRequestedV1>({
  type: 'access.checkin.requested.v1',
  kind: 'event',
  topic: 'access.checkin.v1',
  summary: 'A member asked to check in at a court (app, RFID reader or court panel).',
  schema,
});
