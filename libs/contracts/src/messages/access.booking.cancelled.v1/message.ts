import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { BOOKING_SLOT, ID, REASON, TIMESTAMP } from '../fields';

const schema = {
  type: 'object',
  required: [
    'bookingId',
    'courtId',
    'courtName',
    'kind',
    'startsAt',
    'endsAt',
    'timeZone',
    'version',
    'cancelledBy',
    'cancelledAt',
  ],
  properties: {
    ...BOOKING_SLOT,
    cancelledBy: ID,
    cancelledAt: TIMESTAMP,
    /** The canceller's words, when given. */
    reason: REASON,
  },
} as const satisfies JSONSchema;

export type AccessBookingCancelledV1 = FromSchema<typeof schema>;

export const AccessBookingCancelledV1 = defineMessage<AccessBookingCancelledV1>({
  type: 'access.booking.cancelled.v1',
  kind: 'event',
  topic: 'access.booking.v1',
  summary: 'A booking or block was cancelled; its slot is free again.',
  schema,
});
