import type { OnApplicationShutdown } from '@nestjs/common';
import { google, type calendar_v3 } from 'googleapis';
import {
  ResilientCaller,
  httpStatusOf,
  isTransientError,
  type ResilientCallerOptions,
} from '@sportclub/resilience';
import type { CalendarSyncConfig } from '../../config/calendar-sync.config';
import type { CalendarScope } from '../domain/calendar-scope';
import {
  GrantRevokedError,
  RateLimitedError,
  SyncTokenExpiredError,
  type CalendarSession,
  type ChangesPage,
  type DesiredEvent,
  type GoogleCalendarPort,
  type GoogleEvent,
  type GoogleGrantPort,
  type GoogleTokens,
} from '../application/ports/google.port';

/** What each scope asks of Google: the club gets a calendar of its own (`calendar`), a member only events. */
const SCOPES: Record<CalendarScope, string[]> = {
  club: ['https://www.googleapis.com/auth/calendar'],
  member: ['https://www.googleapis.com/auth/calendar.events'],
};
/** Granted scopes that let each scope do its work (the broader `calendar` covers events too). */
const ENOUGH: Record<CalendarScope, string[]> = {
  club: ['https://www.googleapis.com/auth/calendar'],
  member: ['https://www.googleapis.com/auth/calendar.events', 'https://www.googleapis.com/auth/calendar'],
};
/** 403 reasons Google uses for quota and rate limits (Calendar API "Handle API errors"). */
const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded']);
/** Wait when a rate-limit answer carries no Retry-After. */
const DEFAULT_RETRY_AFTER_MS = 30_000;
/** Refresh a little before the access token's expiry rather than after a 401. */
const EAGER_REFRESH_MS = 60_000;

type OAuth2Client = InstanceType<typeof google.auth.OAuth2>;

/**
 * The resilience policy of every Google call (seed 002): an attempt times out after 15 s; retries wait
 * up to 1 s, 2 s, 4 s (full jitter); a club's breaker opens after 3 failing calls in 60 s and rests
 * 60 s. Rate limits and refused grants are never retried here (see the adapter).
 */
export function googleCaller(overrides: ResilientCallerOptions = {}): ResilientCaller {
  return new ResilientCaller({
    timeoutMs: 15_000,
    retries: 3,
    baseDelayMs: 1_000,
    maxDelayMs: 4_000,
    volumeThreshold: 3,
    errorThresholdPercentage: 50,
    resetTimeoutMs: 60_000,
    rollingCountTimeoutMs: 60_000,
    isRetriable: (error) =>
      !(error instanceof RateLimitedError) &&
      !(error instanceof GrantRevokedError) &&
      isTransientError(error),
    ...overrides,
  });
}

/**
 * Google OAuth 2.0 and Calendar API v3 through `googleapis` (seed 002: retries 1 s / 2 s / 4 s, a breaker
 * opening after 3 failures and resting 60 s, a 15 s timeout — per club, so one club's trouble never
 * slows another's calls). googleapis' own retries are off: the resilience layer retries 5xx and network
 * faults; 429 and 403 rate limits are not retried here but answered as RateLimitedError with Google's
 * Retry-After, for the caller to hold that club's work until then. Locally the hosts are the partner
 * sandbox (GOOGLE_OAUTH_URL, GOOGLE_API_URL).
 */
export class GoogleAdapter implements GoogleGrantPort, GoogleCalendarPort, OnApplicationShutdown {
  constructor(
    private readonly config: CalendarSyncConfig,
    private readonly caller: ResilientCaller = googleCaller(),
  ) {}

  authorizationUrl(input: { state: string; scope: CalendarScope; loginHint?: string }): string {
    return this.oauthClient().generateAuthUrl({
      access_type: 'offline',
      // Always ask: Google issues a refresh token only on consent, and a reconnect needs a new one.
      prompt: 'consent',
      scope: SCOPES[input.scope],
      state: input.state,
      ...(input.loginHint && { login_hint: input.loginHint }),
    });
  }

  async exchangeCode(code: string, scope: CalendarScope): Promise<GoogleTokens> {
    const client = this.oauthClient();
    const { tokens } = await this.caller
      .call(
        { vendor: 'google-oauth', tenant: 'platform', operation: 'token' },
        () => client.getToken(code),
        // An authorization code is single-use: another attempt could only fail.
        { isRetriable: () => false },
      )
      .catch((error: unknown) => {
        // A code that is unknown, used, expired or for another client: Google's 400 `invalid_grant`.
        if (httpStatusOf(error) === 400)
          throw new GrantRevokedError(`Google refused the code: ${describe(error)}`);
        throw error;
      });
    if (!tokens.access_token || !tokens.refresh_token) {
      throw new GrantRevokedError('Google granted no offline access (no refresh token)');
    }
    // Google lets the user grant less than asked (granular consent); reading alone cannot keep bookings.
    const granted = new Set((tokens.scope ?? '').split(' '));
    if (!ENOUGH[scope].some((s) => granted.has(s))) {
      throw new GrantRevokedError(
        `Google granted no access to change events (granted: ${tokens.scope ?? 'none'})`,
      );
    }
    return {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: tokens.expiry_date ?? Date.now() + 3_599_000,
    };
  }

  async revoke(tokens: GoogleTokens): Promise<void> {
    const client = this.oauthClient();
    try {
      await this.caller.call({ vendor: 'google-oauth', tenant: 'platform', operation: 'revoke' }, () =>
        client.revokeToken(tokens.refreshToken),
      );
    } catch (error) {
      // Already revoked (or never valid): Google answers 400 invalid_token; the grant is gone either way.
      if (httpStatusOf(error) !== 400) throw error;
    }
  }

  session(tenantId: string, tokens: GoogleTokens): CalendarSession {
    const auth = this.oauthClient();
    auth.setCredentials({
      access_token: tokens.accessToken,
      refresh_token: tokens.refreshToken,
      expiry_date: tokens.expiresAt,
    });
    const api = google.calendar({
      version: 'v3',
      auth,
      ...(this.config.GOOGLE_API_URL && { rootUrl: withSlash(this.config.GOOGLE_API_URL) }),
    });
    return new GoogleCalendarSession(api, auth, (operation, fn) =>
      this.caller.call({ vendor: 'google-calendar', tenant: tenantId, operation }, async (signal) => {
        try {
          return await fn(signal).catch((error: unknown) => {
            // A 401 before the token's expiry (Google ended it early): refresh and try once more. The
            // library's own retry would also re-send every 403, rate limits included.
            if (httpStatusOf(error) !== 401) throw error;
            auth.setCredentials({ ...auth.credentials, expiry_date: 1 });
            return fn(signal);
          });
        } catch (error) {
          throw translate(error);
        }
      }),
    );
  }

  onApplicationShutdown(): void {
    this.caller.shutdown();
  }

  private oauthClient(): OAuth2Client {
    const base = this.config.GOOGLE_OAUTH_URL?.replace(/\/$/, '');
    return new google.auth.OAuth2({
      clientId: this.config.GOOGLE_CLIENT_ID,
      clientSecret: this.config.GOOGLE_CLIENT_SECRET,
      redirectUri:
        this.config.GOOGLE_REDIRECT_URI ??
        `${this.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/oauth/google/callback`,
      eagerRefreshThresholdMillis: EAGER_REFRESH_MS,
      // gaxios otherwise loads node-fetch through a dynamic import; Node's own fetch does the same job.
      transporterOptions: { fetchImplementation: fetch },
      ...(base && {
        endpoints: {
          oauth2AuthBaseUrl: `${base}/o/oauth2/v2/auth`,
          oauth2TokenUrl: `${base}/oauth2/token`,
          oauth2RevokeUrl: `${base}/oauth2/revoke`,
        },
      }),
    });
  }
}

type Call = <T>(operation: string, fn: (signal: AbortSignal) => Promise<T>) => Promise<T>;

class GoogleCalendarSession implements CalendarSession {
  constructor(
    private readonly api: calendar_v3.Calendar,
    private readonly auth: OAuth2Client,
    private readonly call: Call,
  ) {}

  get tokens(): GoogleTokens {
    const c = this.auth.credentials;
    return { accessToken: c.access_token!, refreshToken: c.refresh_token!, expiresAt: c.expiry_date! };
  }

  async primaryCalendarId(): Promise<string> {
    const { data } = await this.call('calendars.get', (signal) =>
      this.api.calendars.get({ calendarId: 'primary' }, { signal, retry: false }),
    );
    return data.id!;
  }

  async clubCalendar(summary: string, timeZone: string, existing?: string): Promise<string> {
    if (existing) {
      try {
        await this.call('calendars.get', (signal) =>
          this.api.calendars.get({ calendarId: existing }, { signal, retry: false }),
        );
        return existing;
      } catch (error) {
        if (httpStatusOf(error) !== 404) throw error;
      }
    }
    const { data } = await this.call('calendars.insert', (signal) =>
      this.api.calendars.insert({ requestBody: { summary, timeZone } }, { signal, retry: false }),
    );
    return data.id!;
  }

  async putEvent(calendarId: string, event: DesiredEvent, written: boolean): Promise<void> {
    const requestBody = resourceOf(event);
    const update = () =>
      this.call('events.update', (signal) =>
        this.api.events.update(
          { calendarId, eventId: event.id, requestBody, sendUpdates: 'none' },
          { signal, retry: false },
        ),
      );
    const insert = () =>
      this.call('events.insert', (signal) =>
        this.api.events.insert({ calendarId, requestBody, sendUpdates: 'none' }, { signal, retry: false }),
      );
    // The id is the platform's, so the write is idempotent: an insert whose id exists (a replayed
    // booking event, a reconnected calendar) becomes a replacement, a replacement of nothing an insert.
    try {
      await (written ? update() : insert());
    } catch (error) {
      const status = httpStatusOf(error);
      if (!written && status === 409) await update();
      else if (written && status === 404) await insert();
      else throw error;
    }
  }

  async deleteEvent(calendarId: string, eventId: string): Promise<void> {
    try {
      await this.call('events.delete', (signal) =>
        this.api.events.delete({ calendarId, eventId, sendUpdates: 'none' }, { signal, retry: false }),
      );
    } catch (error) {
      const status = httpStatusOf(error);
      if (status !== 404 && status !== 410) throw error;
    }
  }

  async changes(calendarId: string, syncToken: string | undefined, pageToken?: string): Promise<ChangesPage> {
    try {
      const { data } = await this.call('events.list', (signal) =>
        this.api.events.list(
          {
            calendarId,
            maxResults: 250,
            ...(syncToken ? { syncToken } : { showDeleted: true }),
            ...(pageToken && { pageToken }),
          },
          { signal, retry: false },
        ),
      );
      return {
        events: (data.items ?? []).map(eventOf),
        ...(data.nextPageToken && { nextPageToken: data.nextPageToken }),
        ...(data.nextSyncToken && { nextSyncToken: data.nextSyncToken }),
      };
    } catch (error) {
      if (syncToken && httpStatusOf(error) === 410) throw new SyncTokenExpiredError();
      throw error;
    }
  }

  async upcoming(calendarId: string, max: number): Promise<GoogleEvent[]> {
    const { data } = await this.call('events.list', (signal) =>
      this.api.events.list(
        {
          calendarId,
          timeMin: new Date().toISOString(),
          singleEvents: true,
          orderBy: 'startTime',
          maxResults: max,
        },
        { signal, retry: false },
      ),
    );
    return (data.items ?? []).map(eventOf);
  }

  async watch(
    calendarId: string,
    channel: { id: string; token: string; address: string; expiresAt: number },
  ): Promise<{ resourceId: string; expiresAt: number }> {
    const { data } = await this.call('events.watch', (signal) =>
      this.api.events.watch(
        {
          calendarId,
          requestBody: {
            id: channel.id,
            type: 'web_hook',
            address: channel.address,
            token: channel.token,
            expiration: String(channel.expiresAt),
          },
        },
        { signal, retry: false },
      ),
    );
    return { resourceId: data.resourceId!, expiresAt: Number(data.expiration ?? channel.expiresAt) };
  }

  async stopChannel(channel: { id: string; resourceId: string }): Promise<void> {
    try {
      await this.call('channels.stop', (signal) =>
        this.api.channels.stop({ requestBody: channel }, { signal, retry: false }),
      );
    } catch (error) {
      // A channel that already ended is what stopping wants.
      if (httpStatusOf(error) !== 404) throw error;
    }
  }
}

function resourceOf(event: DesiredEvent): calendar_v3.Schema$Event {
  return {
    id: event.id,
    status: 'confirmed',
    summary: event.summary,
    description: event.description,
    start: { dateTime: event.startsAt, timeZone: event.timeZone },
    end: { dateTime: event.endsAt, timeZone: event.timeZone },
    extendedProperties: { private: event.tags },
    // The platform's booking reminders are its own; Google's defaults stay the member's choice.
    reminders: { useDefault: true },
  };
}

function eventOf(item: calendar_v3.Schema$Event): GoogleEvent {
  const bookingId = item.extendedProperties?.private?.bookingId;
  return {
    id: item.id!,
    cancelled: item.status === 'cancelled',
    ...(item.start?.dateTime && { startsAt: new Date(item.start.dateTime).toISOString() }),
    ...(item.end?.dateTime && { endsAt: new Date(item.end.dateTime).toISOString() }),
    ...(item.summary && { summary: item.summary }),
    ...(item.htmlLink && { htmlLink: item.htmlLink }),
    ...(bookingId && { bookingId }),
  };
}

interface GaxiosLike {
  response?: { status?: number; headers?: unknown; data?: unknown };
}

/** Google's answers that mean something to the caller, as the port's errors; the rest unchanged. */
function translate(error: unknown): unknown {
  const e = error as GaxiosLike | undefined;
  const data = e?.response?.data as
    | { error?: string | { errors?: { reason?: string }[]; message?: string }; error_description?: string }
    | undefined;
  // A refresh that Google refused: the grant is revoked or expired.
  if (data?.error === 'invalid_grant') {
    return new GrantRevokedError(`invalid_grant: ${data.error_description ?? 'token expired or revoked'}`);
  }
  const status = httpStatusOf(error);
  const reason = typeof data?.error === 'object' ? data.error.errors?.[0]?.reason : undefined;
  // The grant lacks the scope the call needs (narrowed at consent): the owner must grant it again.
  if (status === 403 && reason === 'insufficientPermissions') {
    return new GrantRevokedError('insufficientPermissions: the grant does not allow changing events');
  }
  if (status === 429 || (status === 403 && reason && RATE_LIMIT_REASONS.has(reason))) {
    return new RateLimitedError(retryAfterMs(e?.response?.headers), reason ?? 'rateLimitExceeded');
  }
  return error;
}

/** `Retry-After` as delay seconds or an HTTP date (RFC 9110 §10.2.3), in ms. */
function retryAfterMs(headers: unknown): number {
  const value =
    headers instanceof Headers
      ? headers.get('retry-after')
      : (headers as Record<string, string> | undefined)?.['retry-after'];
  if (!value) return DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, at - Date.now());
}

/** Google's OAuth error as `error: description`. */
function describe(error: unknown): string {
  const data = (error as GaxiosLike).response?.data as
    { error?: unknown; error_description?: unknown } | undefined;
  return (
    [data?.error, data?.error_description].filter((v) => typeof v === 'string').join(': ') || 'invalid_grant'
  );
}

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);
