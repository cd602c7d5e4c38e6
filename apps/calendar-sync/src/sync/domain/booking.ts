import type { DesiredEvent, GoogleEvent } from '../../shared/domain/calendar-event';
import type { CalendarScope } from '../../shared/domain/calendar-scope';

/** A booking as access-gateway last announced it (`access.booking.v1`); the highest version wins. */
export interface Booking {
  tenantId: string;
  bookingId: string;
  courtId: string;
  courtName: string;
  kind: 'member' | 'block';
  memberId?: string;
  blockReason?: string;
  /** ISO-8601 instants of the half-open slot. */
  startsAt: string;
  endsAt: string;
  timeZone: string;
  version: number;
  cancelled: boolean;
}

/**
 * The Google event id of a booking: its UUID's 32 hex digits, which are base32hex as Google requires
 * (`[a-v0-9]{5,1024}`). Chosen by the platform, so writing an event twice can only hit the same one.
 */
export const eventIdOf = (bookingId: string): string => bookingId.replace(/-/g, '').toLowerCase();

/** Whether a connection of `scope` (and member) holds the booking: a member's holds their own only. */
export function belongsTo(booking: Booking, scope: CalendarScope, memberId?: string): boolean {
  return scope === 'club' || (booking.kind === 'member' && booking.memberId === memberId);
}

/** The event a booking is in Google: in the club's time zone, tied to it by its id and private properties. */
export function desiredEvent(booking: Booking, scope: CalendarScope): DesiredEvent {
  const summary =
    booking.kind === 'block'
      ? `${booking.courtName} — blocked${booking.blockReason ? `: ${booking.blockReason}` : ''}`
      : scope === 'club'
        ? `${booking.courtName} — booked`
        : `Court booking: ${booking.courtName}`;
  return {
    id: eventIdOf(booking.bookingId),
    summary: summary.slice(0, 1024),
    description: `Booking ${booking.bookingId} (Sport Tech Club). Change or cancel it in the club's app: changes made here are undone.`,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    timeZone: booking.timeZone,
    tags: { bookingId: booking.bookingId, version: String(booking.version) },
  };
}

/** What a change seen in Google means for a booking the platform wrote (the platform is the source of truth). */
export type Drift = 'none' | 'deleted' | 'moved' | 'revived';

export function driftOf(booking: Booking, event: GoogleEvent): Drift {
  if (booking.cancelled) return event.cancelled ? 'none' : 'revived';
  if (event.cancelled) return 'deleted';
  const same = (a: string | undefined, b: string) => a !== undefined && Date.parse(a) === Date.parse(b);
  return same(event.startsAt, booking.startsAt) && same(event.endsAt, booking.endsAt) ? 'none' : 'moved';
}
