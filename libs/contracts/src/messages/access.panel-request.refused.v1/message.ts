import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { DEVICE_ID, ID, REASON } from '../fields';

const schema = {
  type: 'object',
  required: ['deviceId', 'requestId', 'memberId', 'courtId', 'operation', 'code', 'reason'],
  properties: {
    /** The court panel that asked (`iot.court.*-requested.v1`'s `deviceId`). */
    deviceId: DEVICE_ID,
    /** The panel's own id for the request, which its answer names. */
    requestId: ID,
    memberId: ID,
    courtId: ID,
    operation: { enum: ['check-in', 'check-out'] },
    /**
     * Why nothing was done: `not-a-member` (no member of the panel's club by that id),
     * `member-suspended`, `unknown-court` (the panel's court is not the club's), `check-in-in-progress`
     * (the member's check-in is still running), `already-on-court` (the member has an open session), and
     * for a check-out `no-open-session` (the member has no open session at that court). Each is a
     * message on the panel.
     */
    code: {
      enum: [
        'not-a-member',
        'member-suspended',
        'unknown-court',
        'check-in-in-progress',
        'already-on-court',
        'no-open-session',
      ],
    },
    reason: REASON,
  },
} as const satisfies JSONSchema;

export type AccessPanelRequestRefusedV1 = FromSchema<typeof schema>;

export const AccessPanelRequestRefusedV1 = defineMessage<AccessPanelRequestRefusedV1>({
  type: 'access.panel-request.refused.v1',
  kind: 'event',
  topic: 'access.checkin.v1',
  summary:
    'A court panel’s check-in or check-out did nothing (not a member of the club, suspended, unknown court, a ' +
    'check-in already running or the member already on a court; no open session to close); it carries the ' +
    'request event’s correlation id. A new code is a new major: consumers map every code to what the panel shows.',
  schema,
});
