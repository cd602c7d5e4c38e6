import { Inject, Injectable } from '@nestjs/common';
import type { BookingActor } from '../../domain/booking';
import { BookingFeedNotFoundError } from '../../domain/booking-feed';
import {
  BOOKING_FEEDS_REPOSITORY,
  type BookingFeedsRepository,
} from '../ports/booking-feeds.repository.port';

/**
 * Revokes a feed: its URL answers 404 from then on. A member revokes the feeds of their own bookings,
 * staff any feed of their club; anything else is not found (404). Revoking it again changes nothing.
 */
@Injectable()
export class RevokeBookingFeedHandler {
  constructor(@Inject(BOOKING_FEEDS_REPOSITORY) private readonly feeds: BookingFeedsRepository) {}

  async execute(actor: BookingActor, id: string): Promise<void> {
    const found = await this.feeds.revoke(actor.tenantId, id, actor.staff ? {} : { memberId: actor.subject });
    if (!found) throw new BookingFeedNotFoundError();
  }
}
