import { Inject, Injectable } from '@nestjs/common';
import { BookingNotFoundError, visibleTo, type BookingActor } from '../../domain/booking';
import { bookingView, type BookingView } from '../booking.view';
import {
  BOOKINGS_REPOSITORY,
  BOOKING_POLICIES_REPOSITORY,
  type BookingPoliciesRepository,
  type BookingsRepository,
} from '../ports/bookings.repository.port';

/** One booking: staff see their club's, a member their own; anything else is not found (404). */
@Injectable()
export class GetBookingHandler {
  constructor(
    @Inject(BOOKINGS_REPOSITORY) private readonly bookings: BookingsRepository,
    @Inject(BOOKING_POLICIES_REPOSITORY) private readonly policies: BookingPoliciesRepository,
  ) {}

  async execute(actor: BookingActor, bookingId: string): Promise<BookingView> {
    const booking = await this.bookings.find(actor.tenantId, bookingId);
    if (!booking || !visibleTo(booking, actor)) throw new BookingNotFoundError();
    return bookingView(booking, (await this.policies.find(actor.tenantId)).timeZone);
  }
}
