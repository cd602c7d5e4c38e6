import { Inject, Injectable } from '@nestjs/common';
import type { BookingActor } from '../../domain/booking';
import type { BookingFeed } from '../../domain/booking-feed';
import {
  BOOKING_FEEDS_REPOSITORY,
  type BookingFeedsRepository,
} from '../ports/booking-feeds.repository.port';

/** The feeds of the caller's bookings (a member), or every feed of the club (staff); newest first. */
@Injectable()
export class ListBookingFeedsHandler {
  constructor(@Inject(BOOKING_FEEDS_REPOSITORY) private readonly feeds: BookingFeedsRepository) {}

  execute(actor: BookingActor): Promise<BookingFeed[]> {
    return this.feeds.list(actor.tenantId, actor.staff ? {} : { memberId: actor.subject });
  }
}
