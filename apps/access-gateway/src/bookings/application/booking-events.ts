import {
  AccessBookingCancelledV1,
  AccessBookingCreatedV1,
  AccessBookingRescheduledV1,
  type Envelope,
} from '@sportclub/contracts';
import type { Booking } from '../domain/booking';

/** What every booking event says of the slot: what calendar-sync and notifications need. */
function slot(b: Booking, courtName: string, timeZone: string) {
  return {
    bookingId: b.bookingId,
    courtId: b.courtId,
    courtName,
    kind: b.memberId ? ('member' as const) : ('block' as const),
    ...(b.memberId && { memberId: b.memberId }),
    ...(b.blockReason && { blockReason: b.blockReason }),
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    timeZone,
    version: b.version,
  };
}

const common = (tenantId: string, b: Booking) => ({
  source: 'access-gateway',
  tenantId,
  subject: b.bookingId,
});

export const bookingCreated = (tenantId: string, b: Booking, courtName: string, timeZone: string): Envelope =>
  AccessBookingCreatedV1.envelope({
    ...common(tenantId, b),
    data: { ...slot(b, courtName, timeZone), bookedBy: b.bookedBy },
  });

export const bookingRescheduled = (
  tenantId: string,
  b: Booking,
  previous: Booking,
  courtName: string,
  timeZone: string,
  by: string,
): Envelope =>
  AccessBookingRescheduledV1.envelope({
    ...common(tenantId, b),
    data: {
      ...slot(b, courtName, timeZone),
      previousStartsAt: previous.startsAt,
      previousEndsAt: previous.endsAt,
      rescheduledBy: by,
    },
  });

export const bookingCancelled = (
  tenantId: string,
  b: Booking,
  courtName: string,
  timeZone: string,
  by: string,
): Envelope =>
  AccessBookingCancelledV1.envelope({
    ...common(tenantId, b),
    data: {
      ...slot(b, courtName, timeZone),
      cancelledBy: by,
      cancelledAt: b.cancelledAt ?? b.updatedAt,
      ...(b.cancelReason && { reason: b.cancelReason }),
    },
  });
