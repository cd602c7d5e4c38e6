import type { CalendarScope } from '../../domain/calendar-scope';
import type { DesiredEvent, GoogleEvent } from '../../domain/calendar-event';

export type { DesiredEvent, GoogleEvent } from '../../domain/calendar-event';

/** A connection's OAuth tokens (Google's), kept sealed at rest. `expiresAt` in ms since the epoch. */
export interface GoogleTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
}

/** One page of changes (or of a full listing); `nextSyncToken` on the last page only. */
export interface ChangesPage {
  events: GoogleEvent[];
  nextPageToken?: string;
  nextSyncToken?: string;
}

/** Google refused the grant: revoked by the user, expired, or the client lost access. */
export class GrantRevokedError extends Error {
  /** Google's answer to the refresh (a client error: never retried, never counted against the breaker). */
  readonly status = 400;
  constructor(readonly reason: string) {
    super(`Google refused the grant: ${reason}`);
  }
}

/** Google's 429, or its 403 `rateLimitExceeded` / `userRateLimitExceeded` / `quotaExceeded`. */
export class RateLimitedError extends Error {
  readonly status = 429;
  constructor(
    readonly retryAfterMs: number,
    reason: string,
  ) {
    super(`Google rate limit: ${reason}`);
  }
}

/** `410 Gone` on a sync token: the client must list everything again (Google's full sync). */
export class SyncTokenExpiredError extends Error {
  readonly status = 410;
  constructor() {
    super('the sync token is no longer valid: full sync required');
  }
}

/** Google's OAuth 2.0 authorization code flow, for the platform's OAuth client. */
export interface GoogleGrantPort {
  /** The consent URL (offline access, consent prompt so a refresh token is always issued). */
  authorizationUrl(input: { state: string; scope: CalendarScope; loginHint?: string }): string;
  /**
   * Trades an authorization code for tokens. Refused (GrantRevokedError) when Google refuses the code,
   * grants no offline access, or not the write access `scope` needs (a user may untick it).
   */
  exchangeCode(code: string, scope: CalendarScope): Promise<GoogleTokens>;
  /** Revokes the grant (every token of it); an already revoked one is fine. */
  revoke(tokens: GoogleTokens): Promise<void>;
}

/**
 * Calendar API v3 for one connection. Calls run under the resilience policy of the connection's club;
 * an expired access token is refreshed on the way (read `tokens` afterwards to keep the new one).
 */
export interface CalendarSession {
  readonly tokens: GoogleTokens;
  /** The account's own calendar (`primary`): its id is the account's address. */
  primaryCalendarId(): Promise<string>;
  /** A calendar of its own for the club's bookings, or the given one again if it still exists. */
  clubCalendar(summary: string, timeZone: string, existing?: string): Promise<string>;
  /** Writes the event: insert with its id, or replace it (a deleted one comes back). */
  putEvent(calendarId: string, event: DesiredEvent, written: boolean): Promise<void>;
  /** Deletes the event; one already gone is fine. */
  deleteEvent(calendarId: string, eventId: string): Promise<void>;
  /** A page of changes since `syncToken`, or of everything (deleted included) without one. */
  changes(calendarId: string, syncToken: string | undefined, pageToken?: string): Promise<ChangesPage>;
  /** The next events from now, soonest first. */
  upcoming(calendarId: string, max: number): Promise<GoogleEvent[]>;
  /** Opens a push channel; Google answers the resource id and when the channel ends (ms). */
  watch(
    calendarId: string,
    channel: { id: string; token: string; address: string; expiresAt: number },
  ): Promise<{ resourceId: string; expiresAt: number }>;
  stopChannel(channel: { id: string; resourceId: string }): Promise<void>;
}

export interface GoogleCalendarPort {
  session(tenantId: string, tokens: GoogleTokens): CalendarSession;
}

export const GOOGLE_GRANT = Symbol('GOOGLE_GRANT');
export const GOOGLE_CALENDAR = Symbol('GOOGLE_CALENDAR');
