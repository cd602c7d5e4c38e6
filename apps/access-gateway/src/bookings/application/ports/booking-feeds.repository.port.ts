import type { BookingFeed, FeedScope, ResolvedBookingFeed } from '../../domain/booking-feed';

export interface NewBookingFeed {
  id: string;
  scope: FeedScope;
  memberId: string | null;
  /** SHA-256 of the token; the token itself is never stored. */
  tokenHash: Buffer;
  createdBy: string;
}

/**
 * The `booking_feed` rows. Every call but the token lookup is scoped by tenant; `memberId`, when
 * given, narrows a call to that member's feeds (what a member may see and revoke).
 */
export interface BookingFeedsRepository {
  insert(tenantId: string, feed: NewBookingFeed): Promise<BookingFeed>;
  /** Newest first, revoked ones included. */
  list(tenantId: string, filter: { memberId?: string }): Promise<BookingFeed[]>;
  /** Marks the feed revoked (a revoked one keeps its first revocation); false when there is no such feed. */
  revoke(tenantId: string, id: string, filter: { memberId?: string }): Promise<boolean>;
  /** The feed whose token hashes to `tokenHash`, unless it was revoked. */
  findActiveByTokenHash(tokenHash: Buffer): Promise<ResolvedBookingFeed | undefined>;
}

export const BOOKING_FEEDS_REPOSITORY = Symbol('BOOKING_FEEDS_REPOSITORY');
