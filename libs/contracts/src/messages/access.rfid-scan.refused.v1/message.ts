import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, REASON } from '../fields';

const schema = {
  type: 'object',
  required: ['readerId', 'scanId', 'cardId', 'courtId', 'code', 'reason'],
  properties: {
    readerId: ID,
    scanId: ID,
    cardId: ID,
    courtId: ID,
    code: { enum: ['unknown-card', 'inactive-card', 'unknown-court', 'check-in-in-progress'] },
    reason: REASON,
  },
} as const satisfies JSONSchema;

export type AccessRfidScanRefusedV1 = FromSchema<typeof schema>;

export const AccessRfidScanRefusedV1 = defineMessage<AccessRfidScanRefusedV1>({
  type: 'access.rfid-scan.refused.v1',
  kind: 'event',
  topic: 'access.checkin.v1',
  summary:
    'A card read at a door started no check-in (unknown or blocked card, unknown court, one already running); ' +
    'it carries the scan event’s correlation id. Superseded by access.rfid-scan.refused.v2 (more codes); ' +
    'kept while consumers read it.',
  schema,
});
