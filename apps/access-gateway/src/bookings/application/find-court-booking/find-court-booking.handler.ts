import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import { bookingView, type BookingView } from '../booking.view';
import {
  BOOKINGS_REPOSITORY,
  BOOKING_POLICIES_REPOSITORY,
  type BookingPoliciesRepository,
  type BookingsRepository,
} from '../ports/bookings.repository.port';

/** The booking or block holding a court at an instant, if any, on the club's clock (what a check-in checks). */
@Injectable()
export class FindCourtBookingHandler {
  constructor(
    @Inject(BOOKINGS_REPOSITORY) private readonly bookings: BookingsRepository,
    @Inject(BOOKING_POLICIES_REPOSITORY) private readonly policies: BookingPoliciesRepository,
  ) {}

  async execute(
    tenantId: string,
    courtId: string,
    at: Date,
    tx?: Transaction,
  ): Promise<BookingView | undefined> {
    const booking = await this.bookings.findAt(tenantId, courtId, at.toISOString(), tx);
    if (!booking) return undefined;
    return bookingView(booking, (await this.policies.find(tenantId, tx)).timeZone);
  }
}
