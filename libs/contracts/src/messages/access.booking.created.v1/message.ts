import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { BOOKING_SLOT, ID } from '../fields';

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
    'bookedBy',
  ],
  properties: {
    ...BOOKING_SLOT,
    /** Who booked: the member themselves, or the staff member who booked for them or blocked the court. */
    bookedBy: ID,
  },
} as const satisfies JSONSchema;

export type AccessBookingCreatedV1 = FromSchema<typeof schema>;

export const AccessBookingCreatedV1 = defineMessage<AccessBookingCreatedV1>({
  type: 'access.booking.created.v1',
  kind: 'event',
  topic: 'access.booking.v1',
  summary: 'A court slot was booked for a member, or blocked by staff (memberId absent, blockReason given).',
  schema,
});
