import { createHash, randomBytes } from 'node:crypto';
import { DomainError, refusal } from '@sportclub/service-kit';
import type { Booking } from './booking';

/**
 * A secret, revocable iCalendar feed of a club's bookings (decision 0017): a member's own bookings, or
 * every booking and block of the club. Calendar apps subscribe to its URL without logging in, so the
 * URL's token is the only credential: 32 random bytes shown once when the feed is created; only its
 * SHA-256 is kept, and revoking the feed makes the URL answer 404 from then on.
 */
export const FEED_SCOPES = ['member', 'club'] as const;
export type FeedScope = (typeof FEED_SCOPES)[number];

export interface BookingFeed {
  id: string;
  scope: FeedScope;
  /** Whose bookings a member feed holds; null for the club's feed. */
  memberId: string | null;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

/** A feed found by its token: the club it belongs to comes from the feed, never from the caller. */
export interface ResolvedBookingFeed extends BookingFeed {
  tenantId: string;
}

/** The feed holds bookings ending from this many days ago… */
export const FEED_PAST_DAYS = 30;
/** …up to this many days ahead (a season's worth; a longer horizon only grows every refresh). */
export const FEED_AHEAD_DAYS = 180;
/** At most this many events, in start order: a club's busiest 210 days fit well within it. */
export const FEED_MAX_EVENTS = 10_000;
/** How often subscribed calendars are asked to fetch the feed again (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
export const FEED_REFRESH_MINUTES = 15;

const DAY = 86_400_000;

/** The instants a feed read at `now` covers: bookings overlapping `[from, to)`. */
export const feedWindow = (now: Date): { from: Date; to: Date } => ({
  from: new Date(now.getTime() - FEED_PAST_DAYS * DAY),
  to: new Date(now.getTime() + FEED_AHEAD_DAYS * DAY),
});

/** 32 random bytes, base64url: 43 characters, no padding. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A new feed token (the secret in its URL). */
export const newFeedToken = (): string => randomBytes(32).toString('base64url');

/** Whether `text` could be a feed token at all: anything else is not looked up. */
export const isFeedToken = (text: string): boolean => TOKEN_SHAPE.test(text);

/** What is stored and looked up instead of the token. */
export const feedTokenHash = (token: string): Buffer => createHash('sha256').update(token).digest();

/** One event of a feed, in the calendar's terms; times are instants, read on the club's clock. */
export interface FeedEvent {
  /** Stable across changes (`<bookingId>@sportclub`), so a calendar updates the event in place. */
  uid: string;
  /** The booking's version: a calendar keeps the highest. */
  sequence: number;
  summary: string;
  /** The court's name. */
  location: string;
  startsAt: string;
  endsAt: string;
  /** A cancelled booking stays in the feed as cancelled, so subscribed calendars remove it. */
  cancelled: boolean;
  createdAt: string;
  /** When the booking last changed (DTSTAMP and LAST-MODIFIED). */
  updatedAt: string;
}

export interface FeedCalendar {
  name: string;
  /** IANA zone of the club: events are written on its clock, with its VTIMEZONE. */
  timeZone: string;
  events: FeedEvent[];
}

/** A booking as a feed event; a staff block reads "Blocked: <reason>". */
export const feedEvent = (b: Booking, courtName: string | undefined): FeedEvent => {
  const court = courtName ?? b.courtId;
  return {
    uid: `${b.bookingId}@sportclub`,
    sequence: b.version,
    summary: b.blockReason !== null ? `Blocked: ${b.blockReason}` : `Court ${court}`,
    location: court,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    cancelled: b.status === 'cancelled',
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
  };
};

/** The calendar's name as a calendar app shows it. */
export const feedName = (scope: FeedScope, memberName: string | null): string =>
  scope === 'club'
    ? 'Club court bookings'
    : memberName
      ? `Court bookings of ${memberName}`
      : 'Court bookings';

/** An unknown, revoked or malformed token, another club's feed, or another member's: all alike. */
export class BookingFeedNotFoundError extends refusal(
  'not-found',
  'booking_feed_not_found',
  'no such booking feed',
) {}

/** A member asked for the club's feed or for another member's bookings (403). */
export class FeedStaffOnlyError extends DomainError {
  readonly kind = 'forbidden';
  readonly code = 'staff_only';
  constructor(override readonly field: 'scope' | 'memberId') {
    super(
      field === 'scope'
        ? "only staff subscribe to the club's bookings"
        : "only staff create a feed of another member's bookings",
    );
  }
}
