import { Inject, Injectable } from '@nestjs/common';
import { ListCourtsHandler } from '../../../courts/application/list-courts/list-courts.handler';
import { GetMemberHandler } from '../../../members/application/get-member/get-member.handler';
import { MemberNotFoundError } from '../../../members/domain/member';
import {
  BookingFeedNotFoundError,
  FEED_MAX_EVENTS,
  feedEvent,
  feedName,
  feedTokenHash,
  feedWindow,
  isFeedToken,
  type FeedCalendar,
} from '../../domain/booking-feed';
import {
  BOOKING_FEEDS_REPOSITORY,
  type BookingFeedsRepository,
} from '../ports/booking-feeds.repository.port';
import {
  BOOKINGS_REPOSITORY,
  BOOKING_POLICIES_REPOSITORY,
  CLOCK,
  type BookingPoliciesRepository,
  type BookingsRepository,
  type Clock,
} from '../ports/bookings.repository.port';

/**
 * What a feed URL shows, read from the bookings themselves: a member feed that member's bookings, the
 * club's feed every booking and block, overlapping the window from FEED_PAST_DAYS ago to FEED_AHEAD_DAYS
 * ahead, cancelled ones included (as cancelled). A token of the wrong shape is not looked up; it, an
 * unknown token and a revoked feed's all answer the same 404.
 */
@Injectable()
export class ReadBookingFeedHandler {
  constructor(
    @Inject(BOOKING_FEEDS_REPOSITORY) private readonly feeds: BookingFeedsRepository,
    @Inject(BOOKINGS_REPOSITORY) private readonly bookings: BookingsRepository,
    @Inject(BOOKING_POLICIES_REPOSITORY) private readonly policies: BookingPoliciesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly courts: ListCourtsHandler,
    private readonly members: GetMemberHandler,
  ) {}

  async execute(token: string): Promise<FeedCalendar> {
    const feed = isFeedToken(token)
      ? await this.feeds.findActiveByTokenHash(feedTokenHash(token))
      : undefined;
    if (!feed) throw new BookingFeedNotFoundError();
    const { tenantId, memberId } = feed;
    const { from, to } = feedWindow(this.clock.now());
    const [policy, courts, memberName, bookings] = await Promise.all([
      this.policies.find(tenantId),
      this.courts.execute(tenantId),
      memberId ? this.memberName(tenantId, memberId) : null,
      this.bookings.list(tenantId, {
        ...(memberId && { memberId }),
        from: from.toISOString(),
        to: to.toISOString(),
        limit: FEED_MAX_EVENTS,
      }),
    ]);
    const courtNames = new Map(courts.map((c) => [c.courtId, c.name]));
    return {
      name: feedName(feed.scope, memberName),
      timeZone: policy.timeZone,
      events: bookings.map((b) => feedEvent(b, courtNames.get(b.courtId))),
    };
  }

  private async memberName(tenantId: string, memberId: string): Promise<string | null> {
    try {
      return (await this.members.execute(tenantId, memberId)).name;
    } catch (error) {
      if (error instanceof MemberNotFoundError) return null;
      throw error;
    }
  }
}
