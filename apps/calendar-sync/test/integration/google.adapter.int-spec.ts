import { randomUUID } from 'node:crypto';
import { CircuitOpenError } from '@sportclub/resilience';
import { startService, type RunningService } from '@sportclub/testing';
import type { CalendarSyncConfig } from '../../src/config/calendar-sync.config';
import {
  GrantRevokedError,
  RateLimitedError,
  SyncTokenExpiredError,
  type DesiredEvent,
  type GoogleTokens,
} from '../../src/shared/application/ports/google.port';
import { GoogleAdapter, googleCaller } from '../../src/shared/infrastructure/google.adapter';

/**
 * The Google adapter (googleapis pointed at the partner sandbox process): the consent and code trade,
 * idempotent writes by the platform's event id, sync tokens and their 410, and the resilience around
 * it — 5xx retried, rate limits answered with Google's Retry-After and not retried, a breaker per club.
 */
describe('GoogleAdapter against the partner sandbox', () => {
  let sandbox: RunningService;
  const pauses: number[] = [];
  let adapter: GoogleAdapter;

  beforeAll(async () => {
    sandbox = await startService('partner-sandbox');
    const config = {
      GOOGLE_CLIENT_ID: '000000000000-sportclubsandbox.apps.googleusercontent.com',
      GOOGLE_CLIENT_SECRET: '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',
      GOOGLE_OAUTH_URL: sandbox.url,
      GOOGLE_API_URL: `${sandbox.url}/`,
      PUBLIC_BASE_URL: 'http://127.0.0.1:3003',
    } as CalendarSyncConfig;
    adapter = new GoogleAdapter(config, googleCaller({ sleep: async (ms) => void pauses.push(ms) }));
  });
  afterEach(async () => {
    await fetch(`${sandbox.url}/__admin/faults`, { method: 'DELETE' });
    pauses.splice(0);
  });
  afterAll(async () => {
    adapter?.onApplicationShutdown();
    await sandbox?.stop();
  });

  /** A member's consent, as a browser gives it: Google's form, then the code from the redirect. */
  async function grant(
    email = `m-${randomUUID().slice(0, 8)}@gmail.test`,
    narrow?: string,
  ): Promise<GoogleTokens> {
    const url = new URL(adapter.authorizationUrl({ state: 'x', scope: 'member', loginHint: email }));
    // The user unticks a permission on the consent screen: Google grants less than asked.
    if (narrow) url.searchParams.set('scope', narrow);
    const page = await fetch(url);
    const consentId = /name="consent_id" value="([^"]+)"/.exec(await page.text())![1];
    const back = await fetch(`${sandbox.url}/o/oauth2/v2/auth/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ consent_id: consentId, email, decision: 'approve' }),
      redirect: 'manual',
    });
    const code = new URL(back.headers.get('location')!).searchParams.get('code')!;
    return adapter.exchangeCode(code, 'member');
  }
  const fault = (body: Record<string, unknown>) =>
    fetch(`${sandbox.url}/__admin/faults/google-calendar`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const event = (over: Partial<DesiredEvent> = {}): DesiredEvent => {
    const bookingId = randomUUID();
    return {
      id: bookingId.replace(/-/g, ''),
      summary: 'Court booking: Quadra 1',
      description: 'test',
      startsAt: '2026-12-20T22:00:00.000Z',
      endsAt: '2026-12-20T23:00:00.000Z',
      timeZone: 'America/Sao_Paulo',
      tags: { bookingId, version: '1' },
      ...over,
    };
  };

  it('trades a code for offline tokens and writes an event once however often it is written', async () => {
    const tokens = await grant();
    expect(tokens.refreshToken).toBeTruthy();
    // A made-up (or already used) code is Google's refusal, not an outage.
    await expect(adapter.exchangeCode('4/0made-up-code', 'member')).rejects.toBeInstanceOf(GrantRevokedError);
    // Read-only access cannot keep bookings: refused at once, not connected to fail every write.
    const readOnly = await grant(undefined, 'https://www.googleapis.com/auth/calendar.readonly').catch(
      (e: unknown) => e,
    );
    expect(readOnly).toBeInstanceOf(GrantRevokedError);
    expect((readOnly as GrantRevokedError).reason).toMatch(/no access to change events/);
    const session = adapter.session('club-a', tokens);
    const calendarId = await session.primaryCalendarId();
    const e = event();
    await session.putEvent(calendarId, e, false);
    // A replay that does not know it was written (a crash before recording it): the id is taken → replaced.
    await session.putEvent(calendarId, { ...e, startsAt: '2026-12-20T21:00:00.000Z' }, false);
    await session.deleteEvent(calendarId, e.id);
    await session.deleteEvent(calendarId, e.id); // already gone: fine
    // Written again after a delete: the event comes back (not a second one).
    await session.putEvent(calendarId, e, true);
    const { events, nextSyncToken } = await session.changes(calendarId, undefined);
    expect(events.filter((x) => x.bookingId === e.tags.bookingId)).toEqual([
      expect.objectContaining({ id: e.id, cancelled: false, startsAt: e.startsAt }),
    ]);
    expect(nextSyncToken).toBeTruthy();

    await fetch(
      `${sandbox.url}/__admin/google/calendars/${encodeURIComponent(calendarId)}/invalidate-sync-tokens`,
      {
        method: 'POST',
      },
    );
    await expect(session.changes(calendarId, nextSyncToken)).rejects.toBeInstanceOf(SyncTokenExpiredError);
  });

  it("retries Google's 5xx with the seed's 1 s / 2 s waits; answers a 429 with its Retry-After, untried again", async () => {
    const session = adapter.session('club-a', await grant());
    const calendarId = await session.primaryCalendarId();
    expect((await fault({ down: true, calls: 2 })).status).toBe(200);
    await session.putEvent(calendarId, event(), false);
    expect(pauses.length).toBe(2);
    expect(pauses[0]).toBeLessThanOrEqual(1_000);
    expect(pauses[1]).toBeLessThanOrEqual(2_000);

    pauses.splice(0);
    await fault({ tooManyRequests: true, retryAfterSeconds: 7, calls: 1 });
    const limited = await session.putEvent(calendarId, event(), false).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).toBe(7_000);
    expect(pauses).toEqual([]);

    await fault({ quotaExceeded: 'rateLimitExceeded', calls: 1 });
    const quota = await session.upcoming(calendarId, 10).catch((e: unknown) => e);
    expect(quota).toBeInstanceOf(RateLimitedError);
  });

  it("opens one club's breaker after its failures and leaves another club's calls alone", async () => {
    const a = adapter.session('club-breaker-a', await grant());
    const b = adapter.session('club-breaker-b', await grant());
    const calendarA = await a.primaryCalendarId();
    const calendarB = await b.primaryCalendarId();
    await fault({ down: true });
    await expect(a.putEvent(calendarA, event(), false)).rejects.toBeTruthy();
    await fetch(`${sandbox.url}/__admin/faults`, { method: 'DELETE' });
    // Club A fails fast now, without reaching Google; club B is served.
    await expect(a.putEvent(calendarA, event(), false)).rejects.toBeInstanceOf(CircuitOpenError);
    await expect(b.putEvent(calendarB, event(), false)).resolves.toBeUndefined();
  });

  it('refreshes an access token Google ended early, and reports a revoked grant as such', async () => {
    const email = `m-${randomUUID().slice(0, 8)}@gmail.test`;
    const tokens = await grant(email);
    await fetch(`${sandbox.url}/__admin/google/users/${encodeURIComponent(email)}/expire-access-tokens`, {
      method: 'POST',
    });
    const session = adapter.session('club-a', tokens);
    await session.putEvent('primary', event(), false);
    expect(session.tokens.accessToken).not.toBe(tokens.accessToken);
    expect(session.tokens.refreshToken).toBe(tokens.refreshToken);

    await adapter.revoke(session.tokens);
    await adapter.revoke(session.tokens); // twice is fine
    const refused = await adapter
      .session('club-a', session.tokens)
      .putEvent('primary', event(), false)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GrantRevokedError);
    expect((refused as GrantRevokedError).reason).toMatch(/invalid_grant/);
  });
});
