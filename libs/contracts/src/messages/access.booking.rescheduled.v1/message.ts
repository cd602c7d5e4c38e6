import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { BOOKING_SLOT, ID, TIMESTAMP } from '../fields';

const schema = {
  type: 'object',
  required: [
    'bookingId',
    'courtId',
    'courtName',
    'kind',
    'startsAt',
    'endsAt',
    'previousStartsAt',
    'previousEndsAt',
    'timeZone',
    'version',
    'rescheduledBy',
  ],
  properties: {
    ...BOOKING_SLOT,
    /** The slot it held before. */
    previousStartsAt: TIMESTAMP,
    previousEndsAt: TIMESTAMP,
    rescheduledBy: ID,
  },
} as const satisfies JSONSchema;

export type AccessBookingRescheduledV1 = FromSchema<typeof schema>;

export const AccessBookingRescheduledV1 = defineMessage<AccessBookingRescheduledV1>({
  type: 'access.booking.rescheduled.v1',
  kind: 'event',
  topic: 'access.booking.v1',
  summary: 'A booking moved to another slot of the same court (startsAt/endsAt are the new slot).',
  schema,
});
