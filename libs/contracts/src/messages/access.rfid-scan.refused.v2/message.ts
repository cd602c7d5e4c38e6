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
    /**
     * v1's codes, plus `member-suspended` (the card's member is suspended in the club),
     * `not-a-member` (the card's holder is no longer a member of the club), `already-on-court` (the member
     * is on a court now and checks out first) and `device-request-expired`
     * (the scan is too old to act on). Each is a message on the reader.
     */
    code: {
      enum: [
        'unknown-card',
        'inactive-card',
        'unknown-court',
        'check-in-in-progress',
        'member-suspended',
        'not-a-member',
        'already-on-court',
        'device-request-expired',
      ],
    },
    reason: REASON,
  },
} as const satisfies JSONSchema;

export type AccessRfidScanRefusedV2 = FromSchema<typeof schema>;

export const AccessRfidScanRefusedV2 = defineMessage<AccessRfidScanRefusedV2>({
  type: 'access.rfid-scan.refused.v2',
  kind: 'event',
  topic: 'access.checkin.v1',
  summary:
    'A card read at a door started no check-in (unknown or blocked card, suspended or former member, unknown court, ' +
    'a scan too old, one already running); it carries the scan event’s correlation id. A new code is a ' +
    'new major: consumers map every code to what the door shows.',
  schema,
});
