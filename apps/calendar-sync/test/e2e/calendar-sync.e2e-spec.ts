import { randomUUID } from 'node:crypto';
import { Kafka, type Consumer, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { AccessBookingCreatedV1 } from '@sportclub/contracts';
import { AesGcmSealer, sealingKeys } from '@sportclub/service-kit';
import {
  adminDatabaseUrl,
  eventually,
  localInfraEnv,
  repoRoot,
  startService,
  userToken,
  type RunningService,
  callAs,
} from '@sportclub/testing';

const ZONE = 'America/Sao_Paulo';
const subjectOf = (token: string): string =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub as string;
const eventIdOf = (bookingId: string) => bookingId.replace(/-/g, '');
/** `HH:MM` of an instant on the club's clock. */
const clubClock = (instant: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' }).format(
    new Date(instant),
  );

interface SandboxEvent {
  id: string;
  status: string;
  start: { dateTime: string; timeZone?: string };
  end: { dateTime: string };
  extendedProperties?: { private?: Record<string, string> };
}
interface Seen {
  type: string;
  subject: string;
  tenantid: string;
  data: Record<string, unknown>;
}

/**
 * calendar-sync end to end: the gateway (bookings, the connection routes), calendar-sync and the
 * partner sandbox's Google OAuth and Calendar API — each its own process over the real Kafka, RabbitMQ,
 * PostgreSQL, Redis and Keycloak. The OAuth consent is driven as a browser would: open the URL, submit
 * Google's form, follow the redirect back.
 */
describe('calendar-sync, end to end', () => {
  let sandbox: RunningService;
  let gateway: RunningService;
  let calendarSync: RunningService;
  let db: DataSource;
  let consumer: Consumer;
  let producer: Producer;
  const seen: Seen[] = [];
  const tokens: Record<string, string> = {};
  const court = `court-${randomUUID().slice(0, 8)}`;
  /** Google accounts no other run uses: the sandbox keeps calendars per address. */
  const google = {
    ana: `ana-${randomUUID().slice(0, 8)}@gmail.test`,
    gabi: `gabi-${randomUUID().slice(0, 8)}@gmail.test`,
    club: `aurora-${randomUUID().slice(0, 8)}@gmail.test`,
  };
  let hour = 48;
  /** A free hour-long slot on the hour, a few days ahead (each test its own). */
  const slot = () => {
    const start = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + (hour += 2) * 3_600_000;
    return { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3_600_000).toISOString() };
  };

  beforeAll(async () => {
    sandbox = await startService('partner-sandbox');
    gateway = await startService('access-gateway', {
      env: {
        ACCESS_VENDOR_URL: `${sandbox.url}/access-vendor`,
        RATE_LIMIT_KEY_PREFIX: `test:${randomUUID()}`,
      },
    });
    calendarSync = await startService('calendar-sync', {
      env: { GOOGLE_OAUTH_URL: sandbox.url, GOOGLE_API_URL: `${sandbox.url}/` },
    });
    db = await new DataSource({
      type: 'postgres',
      url: adminDatabaseUrl(calendarSync.database!),
    }).initialize();
    for (const user of [
      'ana@aurora.test',
      'gabi@aurora.test',
      'bruno@aurora.test',
      'davi@boreal.test',
      'elisa@boreal.test',
    ]) {
      tokens[user] = await userToken(user);
    }
    const kafka = new Kafka({
      clientId: 'calendar-sync-e2e',
      brokers: localInfraEnv(repoRoot()).KAFKA_BROKERS.split(','),
    });
    producer = kafka.producer();
    await producer.connect();
    consumer = kafka.consumer({ groupId: `calendar-sync-e2e-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({
      topics: ['calendar.connection.v1', 'calendar.link.v1'],
      fromBeginning: false,
    });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(JSON.parse(message.value!.toString()) as Seen);
      },
    });
    const res = await call('bruno@aurora.test', 'PUT', `/v1/courts/${court}`, {
      name: 'Quadra Azul',
      priceCentavos: 0,
    });
    expect(res.status).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
    await db?.destroy();
    await Promise.allSettled([calendarSync?.stop(), gateway?.stop(), sandbox?.stop()]);
  });

  const call = (
    user: string,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => callAs(gateway.url, tokens[user], method, path, body, headers);
  const book = async (user: string, body: Record<string, unknown>) => {
    const res = await call(user, 'POST', '/v1/bookings', body, { 'idempotency-key': randomUUID() });
    expect(res.status).toBe(201);
    return (await res.json()) as { bookingId: string; startsAt: string; endsAt: string; version: number };
  };
  const sandboxEvents = async (calendarId: string): Promise<SandboxEvent[]> => {
    const res = await fetch(
      `${sandbox.url}/__admin/google/calendars/${encodeURIComponent(calendarId)}/events?showDeleted=true`,
    );
    return res.status === 404 ? [] : ((await res.json()) as SandboxEvent[]);
  };
  const eventOf = async (calendarId: string, bookingId: string) =>
    (await sandboxEvents(calendarId)).find((e) => e.id === eventIdOf(bookingId));
  /** Waits until the booking's event in the calendar starts at `instant`. */
  const startsAt = (calendarId: string, bookingId: string, instant: string, what: string) =>
    eventually(
      async () =>
        Date.parse((await eventOf(calendarId, bookingId))?.start.dateTime ?? '') === Date.parse(instant),
      what,
    );
  /** The events of a booking in a calendar, by the private property the platform tags them with. */
  const tagged = async (calendarId: string, bookingId: string) =>
    (await sandboxEvents(calendarId)).filter((e) => e.extendedProperties?.private?.bookingId === bookingId);
  const connections = async (user: string) =>
    (await (await call(user, 'GET', '/v1/calendar/connections')).json()) as {
      connectionId: string;
      scope: string;
      status: string;
      accountEmail?: string;
      calendarId: string;
      brokenReason?: string;
      memberId?: string;
    }[];

  /** What a browser does: the app's consent URL, Google's form, the redirect back to calendar-sync. */
  async function consent(user: string, scope: 'member' | 'club', email: string) {
    const started = await call(user, 'POST', '/v1/calendar/connections', { scope, loginHint: email });
    expect(started.status).toBe(201);
    const { authorizationUrl } = (await started.json()) as { authorizationUrl: string };
    const page = await fetch(authorizationUrl);
    expect(page.status).toBe(200);
    const consentId = /name="consent_id" value="([^"]+)"/.exec(await page.text())![1];
    const decided = await fetch(`${sandbox.url}/o/oauth2/v2/auth/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ consent_id: consentId, email, decision: 'approve' }),
      redirect: 'manual',
    });
    expect(decided.status).toBe(302);
    const callback = new URL(decided.headers.get('location')!);
    expect(callback.origin).toBe(calendarSync.url);
    // The callback connects nothing by itself (the browser may be anyone's): it sends the user back
    // to the app, which finishes signed in.
    const landing = await fetch(callback);
    expect(landing.status).toBe(200);
    expect(await landing.text()).toMatch(/Return to the app/);
    return { state: callback.searchParams.get('state')!, code: callback.searchParams.get('code')! };
  }
  const complete = (user: string, returned: { state: string; code: string }) =>
    call(user, 'POST', '/v1/calendar/connections/complete', returned);
  async function connect(user: string, scope: 'member' | 'club', email: string) {
    const done = await complete(user, await consent(user, scope, email));
    expect(done.status).toBe(201);
    await eventually(
      async () => (await connections(user)).some((c) => c.scope === scope && c.status === 'active'),
      'the connection is active',
    );
    const connection = (await connections(user)).find((c) => c.scope === scope && c.status === 'active')!;
    // The push channel is open once the first read back is done.
    await eventually(
      async () =>
        (
          await db.query('SELECT channel_id FROM calendar_connection WHERE id = $1', [
            connection.connectionId,
          ])
        )[0]?.channel_id !== null,
      'push channel opened',
    );
    return connection;
  }
  const waitFor = (predicate: (e: Seen) => boolean, what: string) =>
    eventually(async () => seen.some(predicate), what, 30_000).then(() => seen.find(predicate)!);

  it('a member connects Google; a booking appears at its local time, moves when rescheduled and goes when cancelled', async () => {
    const ana = await connect('ana@aurora.test', 'member', google.ana);
    expect(ana).toMatchObject({ status: 'active', accountEmail: google.ana, calendarId: 'primary' });
    expect(
      await waitFor(
        (e) => e.type === 'calendar.connection.connected.v1' && e.subject === ana.connectionId,
        'connected event',
      ),
    ).toMatchObject({
      tenantid: 'club-aurora',
      data: { scope: 'member', memberId: subjectOf(tokens['ana@aurora.test']) },
    });

    const booking = await book('ana@aurora.test', { courtId: court, ...slot() });
    await eventually(
      async () => (await eventOf(google.ana, booking.bookingId)) !== undefined,
      'event in Google',
    );
    const written = await eventOf(google.ana, booking.bookingId);
    expect(written).toMatchObject({ status: 'confirmed', start: { timeZone: ZONE } });
    expect(clubClock(written!.start.dateTime)).toBe(clubClock(booking.startsAt));
    expect(Date.parse(written!.start.dateTime)).toBe(Date.parse(booking.startsAt));

    const moved = slot();
    expect(
      (await call('ana@aurora.test', 'PUT', `/v1/bookings/${booking.bookingId}/slot`, moved)).status,
    ).toBe(200);
    await startsAt(google.ana, booking.bookingId, moved.startsAt, 'event moved');
    expect(await tagged(google.ana, booking.bookingId)).toHaveLength(1);

    expect(
      (await call('ana@aurora.test', 'POST', `/v1/bookings/${booking.bookingId}/cancel`, {})).status,
    ).toBe(200);
    await eventually(
      async () => (await eventOf(google.ana, booking.bookingId))?.status === 'cancelled',
      'event deleted',
    );

    // Gabi's booking never reaches Ana's calendar; the club's calendar is not connected yet.
    const gabis = await book('gabi@aurora.test', { courtId: court, ...slot() });
    const upcoming = await call(
      'ana@aurora.test',
      'GET',
      `/v1/calendar/connections/${ana.connectionId}/events`,
    );
    expect(upcoming.status).toBe(200);
    expect(await eventOf(google.ana, gabis.bookingId)).toBeUndefined();
  });

  it('the member deletes or moves the event in Google: a push notification, the event is put back and the member told', async () => {
    const [ana] = (await connections('ana@aurora.test')).filter((c) => c.status === 'active');
    const booking = await book('ana@aurora.test', { courtId: court, ...slot() });
    await eventually(
      async () => (await eventOf(google.ana, booking.bookingId))?.status === 'confirmed',
      'written',
    );
    const admin = `${sandbox.url}/__admin/google/calendars/${encodeURIComponent(google.ana)}/events/${eventIdOf(booking.bookingId)}`;

    expect((await fetch(admin, { method: 'DELETE' })).status).toBe(204);
    const told = await waitFor(
      (e) => e.type === 'calendar.link.restored.v1' && e.subject === booking.bookingId,
      'restored event',
    );
    expect(told.data).toMatchObject({
      change: 'deleted',
      connectionId: ana.connectionId,
      memberId: ana.memberId,
    });
    await eventually(
      async () => (await eventOf(google.ana, booking.bookingId))?.status === 'confirmed',
      'restored',
    );

    const elsewhere = new Date(Date.parse(booking.startsAt) + 7_200_000).toISOString();
    const res = await fetch(admin, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        start: { dateTime: elsewhere },
        end: { dateTime: new Date(Date.parse(elsewhere) + 3_600_000).toISOString() },
      }),
    });
    expect(res.status).toBe(200);
    await waitFor(
      (e) =>
        e.type === 'calendar.link.restored.v1' &&
        e.subject === booking.bookingId &&
        e.data.change === 'moved',
      'moved back',
    );
    await startsAt(google.ana, booking.bookingId, booking.startsAt, 'back at the booked time');
    expect(await tagged(google.ana, booking.bookingId)).toHaveLength(1);
  });

  it('a stale sync token (410) leads to a full read back with no duplicate; a replayed or older booking event makes no second event', async () => {
    const booking = await book('ana@aurora.test', { courtId: court, ...slot() });
    await eventually(
      async () => (await eventOf(google.ana, booking.bookingId))?.status === 'confirmed',
      'written',
    );
    const moved = slot();
    expect(
      (await call('ana@aurora.test', 'PUT', `/v1/bookings/${booking.bookingId}/slot`, moved)).status,
    ).toBe(200);
    await startsAt(google.ana, booking.bookingId, moved.startsAt, 'moved');

    // The booking's first event again, once as it was and once under a new message id: both older.
    const replay = AccessBookingCreatedV1.envelope({
      source: 'access-gateway',
      tenantId: 'club-aurora',
      subject: booking.bookingId,
      data: {
        bookingId: booking.bookingId,
        courtId: court,
        courtName: 'Quadra Azul',
        kind: 'member',
        memberId: subjectOf(tokens['ana@aurora.test']),
        ...slot(),
        timeZone: ZONE,
        version: 1,
        bookedBy: subjectOf(tokens['ana@aurora.test']),
      },
    });
    const replays = [replay, { ...replay, id: randomUUID() }, replay];
    for (const envelope of replays) {
      await producer.send({
        topic: 'access.booking.v1',
        messages: [
          {
            key: booking.bookingId,
            value: JSON.stringify(envelope),
            headers: { ce_id: envelope.id, ce_type: envelope.type },
          },
        ],
      });
    }

    // Every sync token of the calendar goes stale, then the member deletes the event: the read back
    // after the push gets 410, lists everything and restores the one event.
    const calendar = `${sandbox.url}/__admin/google/calendars/${encodeURIComponent(google.ana)}`;
    expect((await fetch(`${calendar}/invalidate-sync-tokens`, { method: 'POST' })).status).toBe(204);
    expect(
      (await fetch(`${calendar}/events/${eventIdOf(booking.bookingId)}`, { method: 'DELETE' })).status,
    ).toBe(204);
    await waitFor(
      (e) => e.type === 'calendar.link.restored.v1' && e.subject === booking.bookingId,
      'restored after 410',
    );
    await eventually(
      async () => (await eventOf(google.ana, booking.bookingId))?.status === 'confirmed',
      'restored',
    );
    expect(calendarSync.output()).toMatch(/sync token expired, listing everything again/);

    // The replays were handled (both ids in the inbox), and changed nothing: one event, at the new time.
    await eventually(
      async () =>
        Number(
          (
            await db.query(
              'SELECT count(DISTINCT message_id) AS n FROM inbox WHERE message_id::text = ANY($1::text[])',
              [replays.map((r) => r.id)],
            )
          )[0].n,
        ) === 2,
      'replays consumed',
    );
    const events = await tagged(google.ana, booking.bookingId);
    expect(events).toHaveLength(1);
    expect(Date.parse(events[0].start.dateTime)).toBe(Date.parse(moved.startsAt));
    const all = await sandboxEvents(google.ana);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
  });

  it('an expired access token is refreshed on the way; a revoked grant breaks the connection and says so; a reconnect heals it', async () => {
    const [ana] = (await connections('ana@aurora.test')).filter((c) => c.status === 'active');
    const sealedBefore = (
      await db.query('SELECT ciphertext FROM calendar_connection WHERE id = $1', [ana.connectionId])
    )[0].ciphertext as Buffer;
    const expired = await fetch(
      `${sandbox.url}/__admin/google/users/${encodeURIComponent(google.ana)}/expire-access-tokens`,
      { method: 'POST' },
    );
    expect(((await expired.json()) as { expired: number }).expired).toBeGreaterThan(0);
    const first = await book('ana@aurora.test', { courtId: court, ...slot() });
    await eventually(
      async () => (await eventOf(google.ana, first.bookingId))?.status === 'confirmed',
      'written after a refresh',
    );
    await eventually(
      async () =>
        !sealedBefore.equals(
          (await db.query('SELECT ciphertext FROM calendar_connection WHERE id = $1', [ana.connectionId]))[0]
            .ciphertext,
        ),
      'the refreshed token is kept',
    );

    // The member revokes the platform's access in their Google account.
    const { refreshToken } = openTokens(await tokenRow(ana.connectionId), ana.connectionId);
    const revoked = await fetch(`${sandbox.url}/oauth2/revoke?token=${encodeURIComponent(refreshToken)}`, {
      method: 'POST',
    });
    expect(revoked.status).toBe(200);
    const second = await book('ana@aurora.test', { courtId: court, ...slot() });
    const broken = await waitFor(
      (e) => e.type === 'calendar.connection.broken.v1' && e.subject === ana.connectionId,
      'broken event',
    );
    expect(broken.data).toMatchObject({ scope: 'member', memberId: ana.memberId });
    expect(String(broken.data.reason)).toMatch(/invalid_grant/);
    expect(
      (await connections('ana@aurora.test')).find((c) => c.connectionId === ana.connectionId),
    ).toMatchObject({
      status: 'broken',
    });
    expect(await eventOf(google.ana, second.bookingId)).toBeUndefined();

    // Connecting again reuses the connection and writes what waited.
    const again = await connect('ana@aurora.test', 'member', google.ana);
    expect(again.connectionId).toBe(ana.connectionId);
    await eventually(
      async () => (await eventOf(google.ana, second.bookingId))?.status === 'confirmed',
      'written after reconnect',
    );
  });

  it("the club's calendar holds every booking and block; staff re-sync it; tokens are sealed; other clubs and members see 404", async () => {
    const club = await connect('bruno@aurora.test', 'club', google.club);
    expect(club.calendarId).toMatch(/@group\.calendar\.google\.com$/);
    const gabis = await book('gabi@aurora.test', { courtId: court, ...slot() });
    const block = await book('bruno@aurora.test', { courtId: court, ...slot(), blockReason: 'pintura' });
    await eventually(
      async () => (await eventOf(club.calendarId, gabis.bookingId))?.status === 'confirmed',
      "gabi's booking in the club calendar",
    );
    await eventually(
      async () => (await eventOf(club.calendarId, block.bookingId))?.status === 'confirmed',
      'the block too',
    );

    const resync = await call(
      'bruno@aurora.test',
      'POST',
      `/v1/calendar/connections/${club.connectionId}/resync`,
    );
    expect(resync.status).toBe(202);
    expect(((await resync.json()) as { bookings: number }).bookings).toBeGreaterThanOrEqual(2);
    await eventually(
      async () =>
        Number(
          (
            await db.query(
              'SELECT count(*) FROM event_link WHERE connection_id = $1 AND due_at IS NOT NULL',
              [club.connectionId],
            )
          )[0].count,
        ) === 0,
      're-sync written',
    );
    expect(await tagged(club.calendarId, gabis.bookingId)).toHaveLength(1);

    // No token in clear in the row.
    const row = await tokenRow(club.connectionId);
    const opened = openTokens(row, club.connectionId);
    const raw = Buffer.concat([row.ciphertext, row.iv, row.auth_tag]).toString('latin1');
    expect(raw).not.toContain(opened.accessToken);
    expect(raw).not.toContain(opened.refreshToken);
    expect(
      JSON.stringify(await (await call('bruno@aurora.test', 'GET', '/v1/calendar/connections')).json()),
    ).not.toMatch(/ya29|1\/\//);

    const [ana] = (await connections('ana@aurora.test')).filter((c) => c.status === 'active');
    // Another club: 404 everywhere.
    for (const [method, path] of [
      ['DELETE', `/v1/calendar/connections/${ana.connectionId}`],
      ['GET', `/v1/calendar/connections/${ana.connectionId}/events`],
    ] as const) {
      expect((await call('davi@boreal.test', method, path)).status).toBe(404);
    }
    expect(
      (await call('elisa@boreal.test', 'POST', `/v1/calendar/connections/${club.connectionId}/resync`))
        .status,
    ).toBe(404);
    expect(await (await call('elisa@boreal.test', 'GET', '/v1/calendar/connections')).json()).toEqual([]);
    // Another member of the club: 404; staff only re-sync; members do not connect the club.
    expect(
      (await call('gabi@aurora.test', 'GET', `/v1/calendar/connections/${ana.connectionId}/events`)).status,
    ).toBe(404);
    expect(
      (await call('gabi@aurora.test', 'DELETE', `/v1/calendar/connections/${ana.connectionId}`)).status,
    ).toBe(404);
    expect(
      (await call('gabi@aurora.test', 'POST', `/v1/calendar/connections/${ana.connectionId}/resync`)).status,
    ).toBe(403);
    expect(
      (await call('gabi@aurora.test', 'POST', '/v1/calendar/connections', { scope: 'club' })).status,
    ).toBe(403);
    const bad = await call('gabi@aurora.test', 'POST', '/v1/calendar/connections', { scope: 'everyone' });
    expect(bad.status).toBe(400);
  });

  it('a consent finished by anyone but its starter, forged or replayed connects nothing; a push with a wrong channel token is refused', async () => {
    const before = (await connections('gabi@aurora.test')).length;
    const refused = async (res: Response, reason: RegExp) => {
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        error: 'consent_refused',
        field: 'state',
        reason: expect.stringMatching(reason),
      });
    };
    await refused(await complete('gabi@aurora.test', { state: randomUUID(), code: 'anything' }), /unknown/);

    // Gabi's consent link, approved in Ana's browser with Ana's Google account: Ana cannot finish it
    // (nor can another club's member), and the attempt uses it up for Gabi too.
    const lured = await consent('gabi@aurora.test', 'member', google.ana);
    await refused(await complete('ana@aurora.test', lured), /someone else/);
    await refused(await complete('gabi@aurora.test', lured), /already used/);
    const foreign = await consent('gabi@aurora.test', 'member', google.gabi);
    await refused(await complete('davi@boreal.test', foreign), /someone else/);

    const own = await consent('gabi@aurora.test', 'member', google.gabi);
    expect((await complete('gabi@aurora.test', own)).status).toBe(201);
    await refused(await complete('gabi@aurora.test', own), /already used/);
    const mine = await connections('gabi@aurora.test');
    expect(mine.length).toBe(before + 1);
    expect(mine.find((c) => c.status === 'active')).toMatchObject({ accountEmail: google.gabi });
    expect(JSON.stringify(await connections('ana@aurora.test'))).not.toContain(google.gabi);
    // Two consents of Gabi finished at once: one connection, both answered with it.
    const [one, two] = await Promise.all([
      consent('gabi@aurora.test', 'member', google.gabi),
      consent('gabi@aurora.test', 'member', google.gabi),
    ]);
    const both = await Promise.all([complete('gabi@aurora.test', one), complete('gabi@aurora.test', two)]);
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    const ids = await Promise.all(
      both.map(async (r) => ((await r.json()) as { connectionId: string }).connectionId),
    );
    expect(new Set(ids).size).toBe(1);
    expect((await connections('gabi@aurora.test')).length).toBe(before + 1);

    // The same Google account connected in another club, then disconnected there: Gabi's stays active.
    const shared = await consent('davi@boreal.test', 'member', google.gabi);
    const davis = (await (await complete('davi@boreal.test', shared)).json()) as { connectionId: string };
    expect(
      (await call('davi@boreal.test', 'DELETE', `/v1/calendar/connections/${davis.connectionId}`)).status,
    ).toBe(204);
    const later = await book('gabi@aurora.test', { courtId: court, ...slot() });
    await eventually(
      async () => (await eventOf(google.gabi, later.bookingId))?.status === 'confirmed',
      "written to Gabi's",
    );
    expect((await connections('gabi@aurora.test')).find((c) => c.status === 'active')).toBeDefined();

    // The callback's access log line keeps neither the code nor the state.
    expect(calendarSync.output()).toContain('/oauth/google/callback?');
    expect(calendarSync.output()).not.toContain(own.code);
    expect(calendarSync.output()).not.toContain(own.state);

    const [{ channel_id: channelId }] = await db.query(
      "SELECT channel_id FROM calendar_connection WHERE status = 'active' AND channel_id IS NOT NULL LIMIT 1",
    );
    const push = (id: string, token: string) =>
      fetch(`${calendarSync.url}/webhooks/google/calendar`, {
        method: 'POST',
        headers: {
          'x-goog-channel-id': id,
          'x-goog-channel-token': token,
          'x-goog-resource-state': 'exists',
        },
      });
    expect((await push(channelId, 'forged-token')).status).toBe(403);
    expect(calendarSync.output()).not.toContain('forged-token');
    expect((await push(randomUUID(), 'forged-token')).status).toBe(404);
  });

  async function tokenRow(connectionId: string) {
    const [row] = await db.query(
      'SELECT key_id, iv, ciphertext, auth_tag FROM calendar_connection WHERE id = $1',
      [connectionId],
    );
    return row as { key_id: string; iv: Buffer; ciphertext: Buffer; auth_tag: Buffer };
  }
  function openTokens(
    row: { key_id: string; iv: Buffer; ciphertext: Buffer; auth_tag: Buffer },
    connectionId: string,
  ) {
    const sealer = new AesGcmSealer(sealingKeys.parse(calendarSync.env.TOKEN_KEYS), 'TOKEN_KEYS');
    const plain = sealer.open(
      { keyId: row.key_id, iv: row.iv, ciphertext: row.ciphertext, tag: row.auth_tag },
      `calendar-connection/club-aurora/${connectionId}`,
    );
    return JSON.parse(plain.toString()) as { accessToken: string; refreshToken: string };
  }
});
