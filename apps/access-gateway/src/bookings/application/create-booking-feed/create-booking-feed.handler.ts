import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { GetMemberHandler } from '../../../members/application/get-member/get-member.handler';
import type { BookingActor } from '../../domain/booking';
import {
  FeedStaffOnlyError,
  feedTokenHash,
  newFeedToken,
  type BookingFeed,
  type FeedScope,
} from '../../domain/booking-feed';
import {
  BOOKING_FEEDS_REPOSITORY,
  type BookingFeedsRepository,
} from '../ports/booking-feeds.repository.port';

export interface CreateBookingFeed {
  scope: FeedScope;
  /** A member feed's member (default: the caller); staff only for another member. */
  memberId?: string;
}

/**
 * Creates a feed: a member of their own bookings, staff of any member of their club (another club's
 * member is not found, 404) or of the whole club; a member asking for the club's feed or another
 * member's is refused (403). The token is answered here, once; only its hash is stored.
 */
@Injectable()
export class CreateBookingFeedHandler {
  constructor(
    @Inject(BOOKING_FEEDS_REPOSITORY) private readonly feeds: BookingFeedsRepository,
    private readonly members: GetMemberHandler,
  ) {}

  async execute(actor: BookingActor, c: CreateBookingFeed): Promise<{ feed: BookingFeed; token: string }> {
    let memberId: string | null = null;
    if (c.scope === 'club') {
      if (!actor.staff) throw new FeedStaffOnlyError('scope');
    } else {
      memberId = c.memberId ?? actor.subject;
      if (memberId !== actor.subject && !actor.staff) throw new FeedStaffOnlyError('memberId');
      // A member acting for themselves was enrolled by the auth guard; staff name a member of their club.
      if (actor.staff) await this.members.execute(actor.tenantId, memberId);
    }
    const token = newFeedToken();
    const feed = await this.feeds.insert(actor.tenantId, {
      id: randomUUID(),
      scope: c.scope,
      memberId,
      tokenHash: feedTokenHash(token),
      createdBy: actor.subject,
    });
    return { feed, token };
  }
}
