import { Inject, Injectable } from '@nestjs/common';
import type { BookingActor, BookingStatus } from '../../domain/booking';
import { nextDay, startOfLocalDay } from '../../domain/club-time';
import { bookingView, type BookingView } from '../booking.view';
import {
  BOOKINGS_REPOSITORY,
  BOOKING_POLICIES_REPOSITORY,
  CLOCK,
  type BookingPoliciesRepository,
  type BookingsRepository,
  type Clock,
} from '../ports/bookings.repository.port';

export interface ListBookings {
  courtId?: string;
  /** A day on the club's calendar (`YYYY-MM-DD`, its time zone); without one, from now on. */
  date?: string;
  status?: BookingStatus;
  limit: number;
}

/**
 * Bookings in start order: a member sees only their own, staff the club's (by court and day). A day is
 * the club's local day; bookings overlapping it are listed.
 */
@Injectable()
export class ListBookingsHandler {
  constructor(
    @Inject(BOOKINGS_REPOSITORY) private readonly bookings: BookingsRepository,
    @Inject(BOOKING_POLICIES_REPOSITORY) private readonly policies: BookingPoliciesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(actor: BookingActor, q: ListBookings): Promise<BookingView[]> {
    const { timeZone } = await this.policies.find(actor.tenantId);
    const from = q.date ? startOfLocalDay(q.date, timeZone) : this.clock.now();
    const to = q.date ? startOfLocalDay(nextDay(q.date), timeZone) : new Date('9999-12-31T00:00:00Z');
    const rows = await this.bookings.list(actor.tenantId, {
      ...(q.courtId && { courtId: q.courtId }),
      ...(!actor.staff && { memberId: actor.subject }),
      ...(q.status && { status: q.status }),
      from: from.toISOString(),
      to: to.toISOString(),
      limit: q.limit,
    });
    return rows.map((b) => bookingView(b, timeZone));
  }
}
