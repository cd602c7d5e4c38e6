import { DomainError, refusal } from '@sportclub/service-kit';
import type { BookingPolicy } from './booking-policy';
import { localMinuteOfDay, zonedIso } from './club-time';

/**
 * A court's time held for a member, or blocked by staff (maintenance, a tournament). Times are
 * instants (ISO-8601 UTC); a slot is half-open, `[startsAt, endsAt)`, so back-to-back bookings touch
 * without overlapping. `version` counts changes (1 when booked).
 */
export const BOOKING_STATUSES = ['booked', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export interface Booking {
  bookingId: string;
  courtId: string;
  /** The member the court is held for; null for a staff block. */
  memberId: string | null;
  /** Why staff blocked the court; null for a member's booking. */
  blockReason: string | null;
  startsAt: string;
  endsAt: string;
  status: BookingStatus;
  /** Who booked it (the member, or staff for a member or a block). */
  bookedBy: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Who acts: a member for themselves, or the club's staff. */
export interface BookingActor {
  tenantId: string;
  subject: string;
  staff: boolean;
}

export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

export class BookingNotFoundError extends refusal(
  'not-found',
  'booking_not_found',
  'no such booking for this caller',
  'bookingId',
) {}

/** A slot the club's rules do not allow (422), naming the field at fault. */
export class InvalidSlotError extends DomainError {
  readonly kind = 'invalid';
  readonly code = 'invalid_slot';
  override readonly field: 'startsAt' | 'endsAt';
  constructor(field: 'startsAt' | 'endsAt', reason: string) {
    super(reason);
    this.field = field;
  }
}

/**
 * The court is held already for part of the slot (409). It names the clashing slot, in instants and in
 * the club's time, never whose booking it is.
 */
export class SlotTakenError extends DomainError {
  readonly kind = 'conflict';
  readonly code = 'slot_taken';
  override readonly field = 'startsAt';
  override readonly details: { clash: { courtId: string; startsAt: string; endsAt: string } | null };
  constructor(clash: { courtId: string; startsAt: string; endsAt: string } | null, timeZone: string) {
    super(
      clash
        ? `court ${clash.courtId} is taken from ${zonedIso(new Date(clash.startsAt), timeZone)} to ${zonedIso(new Date(clash.endsAt), timeZone)}`
        : 'the court is taken for part of this slot',
    );
    this.details = { clash };
  }
}

/** A member changes or cancels a booking only until the club's notice before its start (409). */
export class NoticePassedError extends DomainError {
  readonly kind = 'conflict';
  readonly code = 'notice_period_passed';
  override readonly details: { noticeMinutes: number };
  constructor(noticeMinutes: number) {
    super(`members change or cancel a booking only until ${noticeMinutes} minutes before it starts`);
    this.details = { noticeMinutes };
  }
}

export class BookingCancelledError extends refusal(
  'conflict',
  'booking_cancelled',
  'the booking was cancelled; book again instead',
  'bookingId',
) {}

export class BookingEndedError extends refusal(
  'conflict',
  'booking_ended',
  'the booking has ended already',
  'bookingId',
) {}

const MINUTE = 60_000;
/** How far ahead any slot may start: a year (a typo's year 9999 is refused, not written to calendars). */
export const BOOKING_HORIZON_DAYS = 366;

/**
 * Checks a slot against the club's rules at `now`: it ends after it starts, its length is within the
 * club's minimum and maximum, both ends sit on the club's grid in its time zone, and it starts neither
 * in the past nor more than BOOKING_HORIZON_DAYS ahead. Throws InvalidSlotError naming `startsAt` or `endsAt`.
 */
export function checkSlot(slot: Slot, policy: BookingPolicy, now: Date): void {
  const { startsAt, endsAt } = slot;
  if (endsAt.getTime() <= startsAt.getTime()) throw new InvalidSlotError('endsAt', 'must be after startsAt');
  const minutes = (endsAt.getTime() - startsAt.getTime()) / MINUTE;
  if (minutes < policy.minMinutes) {
    throw new InvalidSlotError('endsAt', `a booking lasts at least ${policy.minMinutes} minutes`);
  }
  if (minutes > policy.maxMinutes) {
    throw new InvalidSlotError('endsAt', `a booking lasts at most ${policy.maxMinutes} minutes`);
  }
  const grid = policy.slotMinutes;
  for (const [field, at] of [
    ['startsAt', startsAt],
    ['endsAt', endsAt],
  ] as const) {
    const offGrid = grid !== null && localMinuteOfDay(at, policy.timeZone) % grid !== 0;
    if (at.getTime() % MINUTE !== 0 || offGrid) {
      throw new InvalidSlotError(
        field,
        grid === null
          ? 'must be a whole minute'
          : `must be on the club's ${grid}-minute grid (${policy.timeZone})`,
      );
    }
  }
  if (startsAt.getTime() < now.getTime()) throw new InvalidSlotError('startsAt', 'is in the past');
  if (startsAt.getTime() > now.getTime() + BOOKING_HORIZON_DAYS * 86_400_000) {
    throw new InvalidSlotError('startsAt', `is more than ${BOOKING_HORIZON_DAYS} days ahead`);
  }
}

/**
 * Whether `actor` may still reschedule or cancel `booking` at `now`: staff always (until it ends), a
 * member until the club's notice before the start. Throws the refusal that applies.
 */
export function checkChangeable(
  booking: Booking,
  actor: BookingActor,
  policy: BookingPolicy,
  now: Date,
): void {
  if (booking.status === 'cancelled') throw new BookingCancelledError();
  if (Date.parse(booking.endsAt) <= now.getTime()) throw new BookingEndedError();
  if (actor.staff) return;
  if (Date.parse(booking.startsAt) - now.getTime() < policy.noticeMinutes * MINUTE) {
    throw new NoticePassedError(policy.noticeMinutes);
  }
}

/** Whether the caller may see the booking: staff of its club all of them, a member only their own. */
export const visibleTo = (booking: Booking, actor: BookingActor): boolean =>
  actor.staff || booking.memberId === actor.subject;

/** The slot as an overlap check reads it: half-open, so a slot ending at 11:00 and one starting then do not clash. */
export const overlaps = (a: { startsAt: string; endsAt: string }, b: { startsAt: string; endsAt: string }) =>
  Date.parse(a.startsAt) < Date.parse(b.endsAt) && Date.parse(b.startsAt) < Date.parse(a.endsAt);
