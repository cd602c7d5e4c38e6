import type { Transaction } from '@sportclub/service-kit';
import type { Booking, BookingStatus } from '../../domain/booking';
import type { BookingPolicy } from '../../domain/booking-policy';

export interface NewBooking {
  bookingId: string;
  courtId: string;
  memberId: string | null;
  blockReason: string | null;
  startsAt: string;
  endsAt: string;
  bookedBy: string;
}

export interface BookingFilter {
  courtId?: string;
  memberId?: string;
  /** Bookings overlapping `[from, to)`. */
  from: string;
  to: string;
  status?: BookingStatus;
  limit: number;
}

/**
 * The `court_booking` rows; every call is scoped by tenant. Writes run in the caller's transaction,
 * and a slot overlapping another booked slot of the court fails with SlotTakenError (the database's
 * exclusion constraint decides, so two concurrent requests cannot both win).
 */
export interface BookingsRepository {
  /**
   * Inserts the booking, or answers the one already stored under its id (a retried request) with
   * `created: false`. Throws SlotTakenError when the slot overlaps another booked one.
   */
  insert(tx: Transaction, tenantId: string, b: NewBooking): Promise<{ booking: Booking; created: boolean }>;
  /** The booking, locked for update inside `tx`. */
  lock(tx: Transaction, tenantId: string, bookingId: string): Promise<Booking | undefined>;
  /** Moves a booked slot (version + 1). Throws SlotTakenError when the new slot is taken. */
  reschedule(
    tx: Transaction,
    tenantId: string,
    bookingId: string,
    slot: { startsAt: string; endsAt: string },
  ): Promise<Booking>;
  /** Cancels a booked slot, freeing it (version + 1). */
  cancel(tx: Transaction, tenantId: string, bookingId: string, reason: string | null): Promise<Booking>;
  find(tenantId: string, bookingId: string): Promise<Booking | undefined>;
  list(tenantId: string, f: BookingFilter): Promise<Booking[]>;
  /** The booked slot of the court holding `at`, if any (inside `tx` when given). */
  findAt(tenantId: string, courtId: string, at: string, tx?: Transaction): Promise<Booking | undefined>;
}

/** The clubs' booking rules; a club that set none has DEFAULT_BOOKING_POLICY. */
export interface BookingPoliciesRepository {
  find(tenantId: string, tx?: Transaction): Promise<BookingPolicy>;
  save(tenantId: string, policy: BookingPolicy): Promise<BookingPolicy>;
}

export const BOOKINGS_REPOSITORY = Symbol('BOOKINGS_REPOSITORY');
export const BOOKING_POLICIES_REPOSITORY = Symbol('BOOKING_POLICIES_REPOSITORY');

/** The clock the rules read (tests set it). */
export interface Clock {
  now(): Date;
}
export const CLOCK = Symbol('CLOCK');
