import { randomUUID } from 'node:crypto';
import { google, type calendar_v3 } from 'googleapis';
import type { OAuth2Client } from 'google-auth-library';
import { eventually, startWebhookReceiver, type WebhookReceiver } from '@sportclub/testing';
import { startSandboxInProcess, type InProcessSandbox } from '../support/in-process-sandbox';

const DEV_CLIENT_ID = '000000000000-sportclubsandbox.apps.googleusercontent.com';
const DEV_CLIENT_SECRET = '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';
const REDIRECT_URI = 'http://127.0.0.1:9/v1/calendar/oauth/callback';
const EVENTS_SCOPE = 'https://www.googleapis.com/auth/calendar.events';
const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar';

/** googleapis' GaxiosError: `code` from the body, Google's `errors[]` on its `cause`. */
interface ApiError {
  code: number;
  cause?: { errors?: { reason: string; domain: string }[] };
  response?: { status: number; headers: Headers; data: unknown };
}

/** The rejection of a call expected to fail, as googleapis throws it (a GaxiosError). */
const failure = (promise: Promise<unknown>): Promise<ApiError> =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: ApiError) => error,
  );

/**
 * Google OAuth 2.0 and Calendar API v3 as the official `googleapis` SDK sees them, the sandbox booted
 * in this process on a free port (it needs no broker or database): the OAuth2 client's endpoints and
 * the Calendar client's `rootUrl` point at it, the consent screen is "clicked" by posting its form,
 * and push notifications land on a local receiver.
 */
describe('partner sandbox: Google OAuth + Calendar v3 through googleapis', () => {
  let sandbox: InProcessSandbox;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    sandbox = await startSandboxInProcess();
    receiver = await startWebhookReceiver();
  });
  afterEach(() => admin('DELETE', '/__admin/faults'));
  afterAll(async () => {
    await sandbox?.stop();
    await receiver?.stop();
  });

  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };

  const oauthClient = (options: { forceRefreshOnFailure?: boolean } = {}): OAuth2Client =>
    new google.auth.OAuth2({
      clientId: DEV_CLIENT_ID,
      clientSecret: DEV_CLIENT_SECRET,
      redirectUri: REDIRECT_URI,
      forceRefreshOnFailure: options.forceRefreshOnFailure,
      // Gaxios otherwise loads node-fetch with a dynamic import, which Jest's CommonJS runtime refuses.
      transporterOptions: { fetchImplementation: fetch },
      endpoints: {
        oauth2AuthBaseUrl: `${sandbox.url}/o/oauth2/v2/auth`,
        oauth2TokenUrl: `${sandbox.url}/oauth2/token`,
        oauth2RevokeUrl: `${sandbox.url}/oauth2/revoke`,
      },
    });
  const calendarApi = (auth: OAuth2Client) =>
    google.calendar({ version: 'v3', auth, rootUrl: `${sandbox.url}/` });

  /** Opens the consent screen the SDK's URL leads to and submits it; answers the redirect. */
  const consent = async (authUrl: string, email: string, decision: 'approve' | 'deny' = 'approve') => {
    const page = await fetch(authUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    const consentId = /name="consent_id" value="([^"]+)"/.exec(html)?.[1];
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    expect(consentId && action).toBeTruthy();
    const answer = await fetch(new URL(action!, sandbox.url), {
      method: 'POST',
      body: new URLSearchParams({ consent_id: consentId!, email, decision }),
      redirect: 'manual',
    });
    expect(answer.status).toBe(302);
    return new URL(answer.headers.get('location')!);
  };

  /** A member connected through the whole code flow, with their own OAuth2 client and Calendar. */
  const connect = async (scope = [EVENTS_SCOPE]) => {
    const email = `member.${randomUUID().slice(0, 8)}@gmail.com`;
    const oauth = oauthClient();
    const state = randomUUID();
    const redirect = await consent(
      oauth.generateAuthUrl({ access_type: 'offline', prompt: 'consent', scope, state, login_hint: email }),
      email,
    );
    const { tokens } = await oauth.getToken(redirect.searchParams.get('code')!);
    oauth.setCredentials(tokens);
    return { email, oauth, tokens, calendar: calendarApi(oauth) };
  };

  const booking = (hour: number, tag: Record<string, string> = {}): calendar_v3.Schema$Event => ({
    summary: `Quadra 2 — ${hour}h`,
    description: 'Reserva Sport Tech Club',
    location: 'Quadra 2',
    start: { dateTime: `2031-03-10T${String(hour).padStart(2, '0')}:00:00`, timeZone: 'America/Sao_Paulo' },
    end: { dateTime: `2031-03-10T${String(hour + 1).padStart(2, '0')}:00:00`, timeZone: 'America/Sao_Paulo' },
    extendedProperties: { private: { bookingId: randomUUID(), ...tag } },
  });

  describe('OAuth 2.0 authorization code', () => {
    it('runs generateAuthUrl → consent → redirect with code and state → getToken', async () => {
      const oauth = oauthClient();
      const state = randomUUID();
      const authUrl = oauth.generateAuthUrl({
        access_type: 'offline',
        prompt: 'consent',
        scope: [EVENTS_SCOPE],
        state,
      });
      expect(authUrl.startsWith(`${sandbox.url}/o/oauth2/v2/auth?`)).toBe(true);
      const redirect = await consent(authUrl, 'ana@gmail.com');
      expect(`${redirect.origin}${redirect.pathname}`).toBe(REDIRECT_URI);
      expect(redirect.searchParams.get('state')).toBe(state);
      const code = redirect.searchParams.get('code')!;

      const { tokens } = await oauth.getToken(code);
      expect(tokens).toMatchObject({ token_type: 'Bearer', scope: EVENTS_SCOPE });
      expect(tokens.access_token).toMatch(/^ya29\./);
      expect(tokens.refresh_token).toMatch(/^1\/\//);
      expect(tokens.expiry_date! - Date.now()).toBeGreaterThan(3_500_000);

      // A code is single-use.
      const reused = await failure(oauth.getToken(code));
      expect(reused.response?.status).toBe(400);
      expect(reused.response?.data).toMatchObject({ error: 'invalid_grant' });
    });

    it('redirects a denial with error=access_denied and the state', async () => {
      const oauth = oauthClient();
      const redirect = await consent(
        oauth.generateAuthUrl({ access_type: 'offline', scope: [EVENTS_SCOPE], state: 'xyz' }),
        'bruno@gmail.com',
        'deny',
      );
      expect(redirect.searchParams.get('error')).toBe('access_denied');
      expect(redirect.searchParams.get('state')).toBe('xyz');
      expect(redirect.searchParams.has('code')).toBe(false);
    });

    it('shows an error page, never a redirect, for an unregistered redirect URI or client', async () => {
      const mismatch = await fetch(
        oauthClient().generateAuthUrl({ scope: [EVENTS_SCOPE], redirect_uri: 'https://evil.example/cb' }),
        { redirect: 'manual' },
      );
      expect(mismatch.status).toBe(400);
      expect(await mismatch.text()).toContain('redirect_uri_mismatch');
      const unknown = await fetch(
        oauthClient().generateAuthUrl({
          scope: [EVENTS_SCOPE],
          client_id: 'nobody.apps.googleusercontent.com',
        }),
      );
      expect(unknown.status).toBe(401);
      expect(await unknown.text()).toContain('invalid_client');
    });

    it('refreshes; an expired access token is 401 authError until the client refreshes it', async () => {
      const { email, tokens, oauth, calendar } = await connect();
      const { credentials } = await oauth.refreshAccessToken();
      expect(credentials.access_token).not.toBe(tokens.access_token);

      expect(await admin('POST', `/__admin/google/users/${email}/expire-access-tokens`, {})).toMatchObject({
        status: 200,
      });
      const expired = await failure(calendar.events.list({ calendarId: 'primary' }));
      expect(expired.code).toBe(401);
      expect(expired.cause?.errors?.[0]).toMatchObject({ reason: 'authError', domain: 'global' });

      // A client holding the refresh token refreshes on the 401 and retries.
      const refreshing = oauthClient({ forceRefreshOnFailure: true });
      refreshing.setCredentials({
        access_token: credentials.access_token,
        refresh_token: tokens.refresh_token,
      });
      const listed = await calendarApi(refreshing).events.list({ calendarId: 'primary' });
      expect(listed.status).toBe(200);
      expect(refreshing.credentials.access_token).not.toBe(credentials.access_token);
    });

    it('revoking ends the grant: refresh is invalid_grant and API calls are 401', async () => {
      const { email, tokens, oauth } = await connect();
      await oauth.revokeToken(tokens.refresh_token!);
      const refresh = await failure(oauth.refreshAccessToken());
      expect(refresh.response?.data).toMatchObject({ error: 'invalid_grant' });
      const call = await failure(
        calendarApi(oauthWith(tokens.access_token!)).events.list({ calendarId: 'primary' }),
      );
      expect(call.code).toBe(401);
      const grants = (await admin('GET', `/__admin/google/grants?email=${email}`)).body as {
        revokedAt: string;
      }[];
      expect(grants).toHaveLength(1);
      expect(grants[0].revokedAt).toEqual(expect.any(String));
    });

    /** A client with only an access token (no refresh), so a 401 surfaces as is. */
    const oauthWith = (accessToken: string) => {
      const client = oauthClient();
      client.setCredentials({ access_token: accessToken, expiry_date: Date.now() + 3_600_000 });
      return client;
    };
  });

  describe('Calendar v3 events', () => {
    it('inserts, gets, patches, updates and deletes (deleted = cancelled)', async () => {
      const { email, calendar } = await connect();
      const input = booking(19);
      const { data: created } = await calendar.events.insert({ calendarId: 'primary', requestBody: input });
      expect(created).toMatchObject({
        kind: 'calendar#event',
        status: 'confirmed',
        summary: input.summary,
        location: 'Quadra 2',
        start: input.start,
        extendedProperties: input.extendedProperties,
        organizer: { email, self: true },
      });
      expect(created.iCalUID).toBe(`${created.id}@google.com`);
      expect(created.etag).toMatch(/^"\d+"$/);

      const { data: fetched } = await calendar.events.get({ calendarId: 'primary', eventId: created.id! });
      expect(fetched).toEqual(created);

      const { data: patched } = await calendar.events.patch({
        calendarId: 'primary',
        eventId: created.id!,
        requestBody: { summary: 'Quadra 3 — 19h', extendedProperties: { private: { court: '3' } } },
      });
      expect(patched.summary).toBe('Quadra 3 — 19h');
      expect(patched.extendedProperties?.private).toEqual({
        ...input.extendedProperties!.private,
        court: '3',
      });
      expect(patched.etag).not.toBe(created.etag);
      expect(Date.parse(patched.updated!)).toBeGreaterThanOrEqual(Date.parse(created.updated!));

      const { data: updated } = await calendar.events.update({
        calendarId: 'primary',
        eventId: created.id!,
        requestBody: { ...booking(20), summary: 'Quadra 3 — 20h' },
      });
      expect(updated).toMatchObject({ summary: 'Quadra 3 — 20h', sequence: 1, id: created.id });
      expect(updated.location).toBe('Quadra 2');

      const stale = await failure(
        calendar.events.patch(
          { calendarId: 'primary', eventId: created.id!, requestBody: { summary: 'stale' } },
          { headers: { 'If-Match': created.etag! } },
        ),
      );
      expect(stale.code).toBe(412);
      expect(stale.cause?.errors?.[0].reason).toBe('conditionNotMet');

      const deleted = await calendar.events.delete({ calendarId: 'primary', eventId: created.id! });
      expect(deleted.status).toBe(204);
      const { data: gone } = await calendar.events.get({ calendarId: 'primary', eventId: created.id! });
      expect(gone.status).toBe('cancelled');
      const again = await failure(calendar.events.delete({ calendarId: 'primary', eventId: created.id! }));
      expect(again.code).toBe(410);
      expect(again.cause?.errors?.[0].reason).toBe('deleted');

      const events = (await admin('GET', `/__admin/google/calendars/${email}/events?showDeleted=true`))
        .body as calendar_v3.Schema$Event[];
      expect(events.map((e) => [e.id, e.status])).toEqual([[created.id, 'cancelled']]);
    });

    it('answers 400 required for an event without an end, 409 for a taken id', async () => {
      const { calendar } = await connect();
      const noEnd = await failure(
        calendar.events.insert({ calendarId: 'primary', requestBody: { ...booking(9), end: undefined } }),
      );
      expect(noEnd.code).toBe(400);
      expect(noEnd.cause?.errors?.[0].reason).toBe('required');
      const id = `booking${randomUUID().replace(/-/g, '').slice(0, 12)}`.replace(/[w-z]/g, 'a');
      await calendar.events.insert({ calendarId: 'primary', requestBody: { ...booking(9), id } });
      const taken = await failure(
        calendar.events.insert({ calendarId: 'primary', requestBody: { ...booking(9), id } }),
      );
      expect(taken.code).toBe(409);
      expect(taken.cause?.errors?.[0].reason).toBe('duplicate');
    });

    it("lets a token see only its own member's calendars", async () => {
      const ana = await connect();
      const bruno = await connect([CALENDAR_SCOPE]);
      const { data: event } = await ana.calendar.events.insert({
        calendarId: 'primary',
        requestBody: booking(8),
      });
      const other = await failure(bruno.calendar.events.get({ calendarId: ana.email, eventId: event.id! }));
      expect(other.code).toBe(404);
      const { data: own } = await bruno.calendar.calendars.insert({ requestBody: { summary: 'Aulas' } });
      expect(own.id).toMatch(/@group\.calendar\.google\.com$/);
      const unsimulated = await failure(bruno.calendar.calendarList.list());
      expect(unsimulated.code).toBe(404);
      const insufficient = await failure(ana.calendar.calendars.insert({ requestBody: { summary: 'x' } }));
      expect(insufficient.code).toBe(403);
      expect(insufficient.cause?.errors?.[0].reason).toBe('insufficientPermissions');
    });

    it('lists by time window, extended property and start time, page by page', async () => {
      const { calendar } = await connect();
      const run = randomUUID();
      for (const hour of [21, 18, 20, 17, 19]) {
        await calendar.events.insert({ calendarId: 'primary', requestBody: booking(hour, { run }) });
      }
      await calendar.events.insert({ calendarId: 'primary', requestBody: booking(16) }); // not this run
      await calendar.events.insert({ calendarId: 'primary', requestBody: booking(6, { run }) }); // outside window

      const pages: calendar_v3.Schema$Events[] = [];
      let pageToken: string | undefined;
      do {
        const { data } = await calendar.events.list({
          calendarId: 'primary',
          timeMin: '2031-03-10T12:00:00-03:00',
          timeMax: '2031-03-11T00:00:00-03:00',
          singleEvents: true,
          orderBy: 'startTime',
          privateExtendedProperty: [`run=${run}`],
          maxResults: 2,
          pageToken,
        });
        pages.push(data);
        pageToken = data.nextPageToken ?? undefined;
      } while (pageToken);

      expect(pages.map((p) => p.items!.length)).toEqual([2, 2, 1]);
      expect(pages.flatMap((p) => p.items!.map((e) => e.summary))).toEqual(
        [17, 18, 19, 20, 21].map((h) => `Quadra 2 — ${h}h`),
      );
      expect(pages.slice(0, -1).every((p) => !p.nextSyncToken)).toBe(true);
      expect(pages.at(-1)!.nextSyncToken).toEqual(expect.any(String));
    });

    it('syncs incrementally: only what changed, deleted events as cancelled; 410 once invalidated', async () => {
      const { email, calendar } = await connect();
      const ids: string[] = [];
      for (const hour of [10, 11, 12]) {
        ids.push(
          (await calendar.events.insert({ calendarId: 'primary', requestBody: booking(hour) })).data.id!,
        );
      }
      let syncToken: string | undefined;
      let pageToken: string | undefined;
      const fullSync: calendar_v3.Schema$Event[] = [];
      do {
        const { data } = await calendar.events.list({ calendarId: 'primary', maxResults: 2, pageToken });
        fullSync.push(...data.items!);
        pageToken = data.nextPageToken ?? undefined;
        syncToken = data.nextSyncToken ?? undefined;
      } while (pageToken);
      expect(fullSync.map((e) => e.id)).toEqual(ids);

      await calendar.events.patch({
        calendarId: 'primary',
        eventId: ids[0],
        requestBody: { summary: 'Moved' },
      });
      await calendar.events.delete({ calendarId: 'primary', eventId: ids[1] });
      // The member edits an event in Google itself.
      expect(
        await admin('PATCH', `/__admin/google/calendars/${email}/events/${ids[2]}`, { location: 'Quadra 5' }),
      ).toMatchObject({ status: 200 });
      const added = (await calendar.events.insert({ calendarId: 'primary', requestBody: booking(13) })).data;

      const { data: changes } = await calendar.events.list({ calendarId: 'primary', syncToken });
      expect(changes.items!.map((e) => [e.id, e.status])).toEqual([
        [ids[0], 'confirmed'],
        [ids[1], 'cancelled'],
        [ids[2], 'confirmed'],
        [added.id, 'confirmed'],
      ]);
      expect(changes.items![0].summary).toBe('Moved');
      expect(changes.items![2].location).toBe('Quadra 5');
      expect(changes.nextSyncToken).toEqual(expect.any(String));

      const { data: nothing } = await calendar.events.list({
        calendarId: 'primary',
        syncToken: changes.nextSyncToken!,
      });
      expect(nothing.items).toEqual([]);

      const notWithFilters = await failure(
        calendar.events.list({
          calendarId: 'primary',
          syncToken: nothing.nextSyncToken!,
          timeMin: '2031-01-01T00:00:00Z',
        }),
      );
      expect(notWithFilters.code).toBe(400);

      expect(await admin('POST', `/__admin/google/calendars/${email}/invalidate-sync-tokens`)).toMatchObject({
        status: 204,
      });
      const stale = await failure(
        calendar.events.list({ calendarId: 'primary', syncToken: nothing.nextSyncToken! }),
      );
      expect(stale.code).toBe(410);
      expect(stale.cause?.errors?.[0]).toMatchObject({ reason: 'fullSyncRequired', domain: 'global' });
      const garbage = await failure(
        calendar.events.list({ calendarId: 'primary', syncToken: 'not-a-token' }),
      );
      expect(garbage.code).toBe(410);
    });
  });

  describe('push notifications', () => {
    it('posts sync, then exists on each change (API or the member in Google), until stopped', async () => {
      const { email, calendar } = await connect();
      const channelId = randomUUID();
      const path = `/google/calendar/${channelId}`;
      const { data: channel } = await calendar.events.watch({
        calendarId: 'primary',
        requestBody: {
          id: channelId,
          type: 'web_hook',
          address: `${receiver.url}${path}`,
          token: 'tenant=club-1',
        },
      });
      expect(channel).toMatchObject({ kind: 'api#channel', id: channelId, token: 'tenant=club-1' });
      expect(channel.resourceId).toEqual(expect.any(String));
      await eventually(() => receiver.on(path).length === 1, 'sync notification');

      const { data: event } = await calendar.events.insert({
        calendarId: 'primary',
        requestBody: booking(15),
      });
      await admin('DELETE', `/__admin/google/calendars/${email}/events/${event.id}`);
      await eventually(() => receiver.on(path).length === 3, 'exists notifications');

      const received = receiver.on(path);
      expect(
        received.map((w) => [w.headers['x-goog-resource-state'], w.headers['x-goog-message-number']]),
      ).toEqual([
        ['sync', '1'],
        ['exists', '2'],
        ['exists', '3'],
      ]);
      for (const w of received) {
        expect(w.headers).toMatchObject({
          'x-goog-channel-id': channelId,
          'x-goog-channel-token': 'tenant=club-1',
          'x-goog-resource-id': channel.resourceId,
          'x-goog-channel-expiration': new Date(Number(channel.expiration)).toUTCString(),
        });
        expect(w.raw).toBe('');
      }

      await calendar.channels.stop({ requestBody: { id: channelId, resourceId: channel.resourceId } });
      await calendar.events.insert({ calendarId: 'primary', requestBody: booking(16) });
      await new Promise((r) => setTimeout(r, 300));
      expect(receiver.on(path)).toHaveLength(3);
    });

    it('stops posting once the channel expires', async () => {
      const { calendar } = await connect();
      const channelId = randomUUID();
      const path = `/google/calendar/${channelId}`;
      await calendar.events.watch({
        calendarId: 'primary',
        requestBody: {
          id: channelId,
          type: 'web_hook',
          address: `${receiver.url}${path}`,
          expiration: String(Date.now() + 500),
        },
      });
      await eventually(() => receiver.on(path).length === 1, 'sync notification');
      await new Promise((r) => setTimeout(r, 600));
      await calendar.events.insert({ calendarId: 'primary', requestBody: booking(14) });
      await new Promise((r) => setTimeout(r, 300));
      expect(receiver.on(path)).toHaveLength(1);
    });
  });

  describe('faults', () => {
    it("answers 429 with Retry-After for the next call only, in Google's shape", async () => {
      const { calendar } = await connect();
      expect(
        await admin('PUT', '/__admin/faults/google-calendar', {
          tooManyRequests: true,
          retryAfterSeconds: 7,
          calls: 1,
        }),
      ).toMatchObject({ status: 200 });
      const limited = await failure(calendar.events.list({ calendarId: 'primary' }, { retry: false }));
      expect(limited.code).toBe(429);
      expect(limited.response?.headers.get('retry-after')).toBe('7');
      expect(limited.cause?.errors?.[0]).toMatchObject({
        reason: 'rateLimitExceeded',
        domain: 'usageLimits',
      });
      expect((await calendar.events.list({ calendarId: 'primary' }, { retry: false })).status).toBe(200);
    });

    it('answers 403 userRateLimitExceeded while the fault is on', async () => {
      const { calendar } = await connect();
      await admin('PUT', '/__admin/faults/google-calendar', { quotaExceeded: 'userRateLimitExceeded' });
      const refused = await failure(
        calendar.events.insert({ calendarId: 'primary', requestBody: booking(7) }),
      );
      expect(refused.code).toBe(403);
      expect(refused.cause?.errors?.[0]).toMatchObject({
        reason: 'userRateLimitExceeded',
        domain: 'usageLimits',
      });
    });
  });
});
