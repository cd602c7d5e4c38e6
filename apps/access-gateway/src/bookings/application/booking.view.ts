import type { Booking } from '../domain/booking';
import { zonedIso } from '../domain/club-time';

/** A booking as callers see it: its instants, and the same times on the club's clock. */
export interface BookingView extends Booking {
  /** IANA zone of the club (`America/Sao_Paulo`). */
  timeZone: string;
  /** `startsAt`/`endsAt` in the club's time, with the offset (`2026-12-01T10:00:00-03:00`). */
  localStartsAt: string;
  localEndsAt: string;
}

export const bookingView = (b: Booking, timeZone: string): BookingView => ({
  ...b,
  timeZone,
  localStartsAt: zonedIso(new Date(b.startsAt), timeZone),
  localEndsAt: zonedIso(new Date(b.endsAt), timeZone),
});
