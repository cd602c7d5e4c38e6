import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Kafka, type Consumer } from 'kafkajs';
import { DataSource } from 'typeorm';
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
import { leaveCourts } from '../support/sessions';
import { tokenSubject } from '../support/tokens';

/**
 * Court bookings end to end: the booted gateway over HTTP with real Keycloak tokens, its PostgreSQL
 * (the exclusion constraint) and Kafka (`access.booking.v1` through the outbox). One boot for the file.
 */
describe('court bookings, end to end', () => {
  let sandbox: RunningService;
  let gateway: RunningService;
  let db: DataSource;
  let consumer: Consumer;
  const seen: { type: string; subject: string; tenantid: string; data: Record<string, unknown> }[] = [];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    sandbox = await startService('partner-sandbox');
    gateway = await startService('access-gateway', {
      env: {
        ACCESS_VENDOR_URL: `${sandbox.url}/access-vendor`,
        RATE_LIMIT_KEY_PREFIX: `test:${randomUUID()}`,
      },
    });
    db = await new DataSource({ type: 'postgres', url: adminDatabaseUrl(gateway.database!) }).initialize();
    for (const user of [
      'ana@aurora.test',
      'gabi@aurora.test',
      'bruno@aurora.test',
      'elisa@boreal.test',
      'davi@boreal.test',
    ]) {
      tokens[user] = await userToken(user);
    }
    const kafka = new Kafka({
      clientId: 'bookings-e2e',
      brokers: localInfraEnv(repoRoot()).KAFKA_BROKERS.split(','),
    });
    consumer = kafka.consumer({ groupId: `bookings-e2e-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: 'access.booking.v1', fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(JSON.parse(message.value!.toString()) as (typeof seen)[number]);
      },
    });
    // A court in each club.
    for (const [user, courtId] of [
      ['bruno@aurora.test', 'court-b1'],
      ['elisa@boreal.test', 'court-b9'],
    ]) {
      const res = await call(user, 'PUT', `/v1/courts/${courtId}`, {
        name: `Quadra ${courtId}`,
        priceCentavos: 0,
      });
      expect(res.status).toBe(200);
    }
  });
  afterAll(async () => {
    await consumer?.disconnect();
    await db?.destroy();
    await Promise.allSettled([gateway?.stop(), sandbox?.stop()]);
  });

  const call = (
    user: string,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => callAs(gateway.url, tokens[user], method, path, body, headers);
  const book = (user: string, body: Record<string, unknown>, key = `key-${randomUUID()}`) =>
    call(user, 'POST', '/v1/bookings', body, { 'idempotency-key': key });

  /** A slot on the hour, `hoursAhead` hours from now, an hour long. */
  const slot = (hoursAhead: number) => {
    const start = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + hoursAhead * 3_600_000;
    return { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3_600_000).toISOString() };
  };

  it('a member books a slot: 201 on the club clock, and access.booking.created.v1 reaches Kafka', async () => {
    const ana = tokenSubject(tokens['ana@aurora.test']);
    const res = await book('ana@aurora.test', { courtId: 'court-b1', ...slot(24) });
    expect(res.status).toBe(201);
    const booking = (await res.json()) as Record<string, string>;
    expect(booking).toMatchObject({ memberId: ana, status: 'booked', timeZone: 'America/Sao_Paulo' });
    expect(booking.localStartsAt).toMatch(/-03:00$/);
    await eventually(
      async () => seen.some((e) => e.subject === booking.bookingId),
      'created event on Kafka',
      30_000,
    );
    expect(seen.find((e) => e.subject === booking.bookingId)).toMatchObject({
      type: 'access.booking.created.v1',
      tenantid: 'club-aurora',
      data: {
        courtId: 'court-b1',
        courtName: 'Quadra court-b1',
        memberId: ana,
        timeZone: 'America/Sao_Paulo',
      },
    });
  });

  it('two members book the same slot at once: one booking, the other a 409 naming the slot but not the member', async () => {
    const s = slot(30);
    const [a, b] = await Promise.all([
      book('ana@aurora.test', { courtId: 'court-b1', ...s }),
      book('gabi@aurora.test', { courtId: 'court-b1', ...s }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const refused = (await (a.status === 409 ? a : b).json()) as Record<string, unknown>;
    expect(refused).toMatchObject({
      error: 'slot_taken',
      field: 'startsAt',
      clash: { courtId: 'court-b1', startsAt: new Date(s.startsAt).toISOString() },
    });
    expect(JSON.stringify(refused)).not.toContain(tokenSubject(tokens['ana@aurora.test']));
    expect(JSON.stringify(refused)).not.toContain(tokenSubject(tokens['gabi@aurora.test']));
  });

  it('refuses bad input naming the field', async () => {
    const res = await book('ana@aurora.test', {
      courtId: 'court-b1',
      startsAt: 'tomorrow',
      endsAt: slot(40).endsAt,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { problems: { field: string }[] }).problems.map((p) => p.field)).toEqual([
      'startsAt',
    ]);
    const s = slot(41);
    const backwards = await book('ana@aurora.test', {
      courtId: 'court-b1',
      startsAt: s.endsAt,
      endsAt: s.startsAt,
    });
    expect(backwards.status).toBe(422);
    expect(await backwards.json()).toMatchObject({ error: 'invalid_slot', field: 'endsAt' });
  });

  it("boreal's staff reading or cancelling aurora's booking get 404", async () => {
    const res = await book('ana@aurora.test', { courtId: 'court-b1', ...slot(50) });
    const { bookingId } = (await res.json()) as { bookingId: string };
    expect((await call('elisa@boreal.test', 'GET', `/v1/bookings/${bookingId}`)).status).toBe(404);
    expect((await call('elisa@boreal.test', 'POST', `/v1/bookings/${bookingId}/cancel`, {})).status).toBe(
      404,
    );
    expect((await call('gabi@aurora.test', 'GET', `/v1/bookings/${bookingId}`)).status).toBe(404);
    expect((await call('bruno@aurora.test', 'GET', `/v1/bookings/${bookingId}`)).status).toBe(200);
    expect((await book('elisa@boreal.test', { courtId: 'court-b1', ...slot(51) })).status).toBe(404);
  });

  it("a check-in by another member during the booking is refused with the reason; the booker's own goes ahead", async () => {
    const res = await book('ana@aurora.test', { courtId: 'court-b1', ...slot(60) });
    const { bookingId } = (await res.json()) as { bookingId: string };
    // No one can book a slot that has begun: move this one around now in the database (time travel).
    await db.query(
      `UPDATE court_booking SET starts_at = now() - interval '10 minutes', ends_at = now() + interval '50 minutes'
        WHERE booking_id = $1`,
      [bookingId],
    );
    await leaveCourts(gateway.url, tokens['gabi@aurora.test']);
    const refused = await call(
      'gabi@aurora.test',
      'POST',
      '/v1/check-ins',
      { courtId: 'court-b1' },
      { 'idempotency-key': `key-${randomUUID()}` },
    );
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { error: string; reason: string };
    expect(body).toMatchObject({ error: 'court_booked', field: 'courtId' });
    expect(body.reason).toMatch(
      /^court court-b1 is booked by another member until \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-03:00$/,
    );

    await leaveCourts(gateway.url, tokens['ana@aurora.test']);
    const own = await call(
      'ana@aurora.test',
      'POST',
      '/v1/check-ins',
      { courtId: 'court-b1' },
      { 'idempotency-key': `key-${randomUUID()}` },
    );
    expect(own.status).toBe(202);
  });
  describe('booking feeds (iCalendar by secret URL)', () => {
    /** A feed fetched as a calendar app does: no token. */
    const fetchFeed = async (url: string) => {
      const res = await fetch(url);
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    };
    /** The unfolded properties of the feed's VEVENT with this booking's UID (RFC 5545 §3.1). */
    const eventOf = (ics: string, bookingId: string): Record<string, string> | undefined => {
      const events = ics
        .replace(/\r\n[ \t]/g, '')
        .split('BEGIN:VEVENT\r\n')
        .slice(1);
      const event = events.find((e) => e.includes(`UID:${bookingId}@sportclub\r\n`));
      if (!event) return undefined;
      const props = event.split('END:VEVENT')[0].split('\r\n').filter(Boolean);
      return Object.fromEntries(
        props.map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon), line.slice(colon + 1)];
        }),
      );
    };
    /** São Paulo keeps UTC−03:00 all year (no daylight saving since 2019): its wall clock, as in DTSTART. */
    const saoPaulo = (iso: string) =>
      new Date(Date.parse(iso) - 3 * 3_600_000).toISOString().replace(/[-:]/g, '').slice(0, 15);
    const createFeed = (user: string, body: Record<string, unknown>) =>
      call(user, 'POST', '/v1/booking-feeds', body);

    it("a member's feed shows their booking on the club clock, its new time with a higher SEQUENCE, then its cancellation", async () => {
      const created = await createFeed('gabi@aurora.test', { scope: 'member' });
      expect(created.status).toBe(201);
      const feed = (await created.json()) as { id: string; url: string; memberId: string; scope: string };
      expect(feed).toMatchObject({ scope: 'member', memberId: tokenSubject(tokens['gabi@aurora.test']) });
      const token = new RegExp(`^${gateway.url}/v1/booking-feeds/([A-Za-z0-9_-]{43})\\.ics$`).exec(
        feed.url,
      )?.[1];
      expect(token).toBeDefined();
      // Only the token's SHA-256 is kept.
      const [row] = await db.query(`SELECT token_hash FROM booking_feed WHERE id = $1`, [feed.id]);
      expect((row.token_hash as Buffer).equals(createHash('sha256').update(token!).digest())).toBe(true);

      const first = slot(70);
      const booked = await book('gabi@aurora.test', { courtId: 'court-b1', ...first });
      const { bookingId } = (await booked.json()) as { bookingId: string };
      const anaRes = await book('ana@aurora.test', { courtId: 'court-b1', ...slot(74) });
      const anas = ((await anaRes.json()) as { bookingId: string }).bookingId;

      const fetched = await fetchFeed(feed.url);
      expect(fetched).toMatchObject({ status: 200, type: 'text/calendar; charset=utf-8' });
      expect(fetched.text).toContain('BEGIN:VTIMEZONE\r\nTZID:America/Sao_Paulo');
      expect(eventOf(fetched.text, bookingId)).toMatchObject({
        'DTSTART;TZID=America/Sao_Paulo': saoPaulo(first.startsAt),
        'DTEND;TZID=America/Sao_Paulo': saoPaulo(first.endsAt),
        SEQUENCE: '1',
        STATUS: 'CONFIRMED',
        SUMMARY: 'Court Quadra court-b1',
      });
      expect(eventOf(fetched.text, anas)).toBeUndefined(); // another member's booking

      const moved = slot(72);
      const rescheduled = await call('gabi@aurora.test', 'PUT', `/v1/bookings/${bookingId}/slot`, moved);
      expect(rescheduled.status).toBe(200);
      expect(eventOf((await fetchFeed(feed.url)).text, bookingId)).toMatchObject({
        'DTSTART;TZID=America/Sao_Paulo': saoPaulo(moved.startsAt),
        SEQUENCE: '2',
        STATUS: 'CONFIRMED',
      });

      const cancelled = await call('gabi@aurora.test', 'POST', `/v1/bookings/${bookingId}/cancel`, {});
      expect(cancelled.status).toBe(200);
      expect(eventOf((await fetchFeed(feed.url)).text, bookingId)).toMatchObject({
        SEQUENCE: '3',
        STATUS: 'CANCELLED',
      });
      // The access log names the route, never the secret.
      await eventually(
        async () => gateway.output().includes('/v1/booking-feeds/[secret].ics'),
        'access log',
        5_000,
      );
      expect(gateway.output()).not.toContain(token);
    });

    it("the club's feed is staff's; another club sees nothing; a revoked, forged or malformed URL is 404 alike", async () => {
      const gabi = tokenSubject(tokens['gabi@aurora.test']);
      const ana = tokenSubject(tokens['ana@aurora.test']);
      expect(await (await createFeed('gabi@aurora.test', { scope: 'club' })).json()).toMatchObject({
        error: 'staff_only',
        field: 'scope',
      });
      expect((await createFeed('gabi@aurora.test', { scope: 'member', memberId: ana })).status).toBe(403);
      expect((await createFeed('elisa@boreal.test', { scope: 'member', memberId: gabi })).status).toBe(404);

      const club = await createFeed('bruno@aurora.test', { scope: 'club' });
      expect(club.status).toBe(201);
      const clubFeed = (await club.json()) as { id: string; url: string; memberId?: string };
      expect(clubFeed.memberId).toBeUndefined();
      const blocked = await book('bruno@aurora.test', {
        courtId: 'court-b1',
        ...slot(76),
        blockReason: 'Net repair',
      });
      const block = ((await blocked.json()) as { bookingId: string }).bookingId;
      const clubIcs = (await fetchFeed(clubFeed.url)).text;
      expect(eventOf(clubIcs, block)).toMatchObject({ SUMMARY: 'Blocked: Net repair', STATUS: 'CONFIRMED' });

      const byStaff = await createFeed('bruno@aurora.test', { scope: 'member', memberId: gabi });
      const gabis = (await byStaff.json()) as { id: string; url: string };
      expect(byStaff.status).toBe(201);
      const ids = async (user: string) =>
        ((await (await call(user, 'GET', '/v1/booking-feeds')).json()) as { id: string }[]).map((f) => f.id);
      expect(await ids('gabi@aurora.test')).toContain(gabis.id); // a feed of her bookings is hers to see
      expect(await ids('bruno@aurora.test')).toEqual(expect.arrayContaining([gabis.id, clubFeed.id]));
      for (const user of ['elisa@boreal.test', 'davi@boreal.test', 'ana@aurora.test']) {
        expect({ user, ids: await ids(user) }).toEqual({ user, ids: expect.not.arrayContaining([gabis.id]) });
      }
      for (const user of ['elisa@boreal.test', 'davi@boreal.test', 'ana@aurora.test']) {
        const res = await call(user, 'DELETE', `/v1/booking-feeds/${gabis.id}`);
        expect({ user, status: res.status }).toEqual({ user, status: 404 });
      }
      expect((await fetchFeed(gabis.url)).status).toBe(200);
      expect((await call('gabi@aurora.test', 'DELETE', `/v1/booking-feeds/${clubFeed.id}`)).status).toBe(404);

      expect((await call('gabi@aurora.test', 'DELETE', `/v1/booking-feeds/${gabis.id}`)).status).toBe(204);
      const revoked = await fetchFeed(gabis.url);
      const forged = await fetchFeed(
        `${gateway.url}/v1/booking-feeds/${randomBytes(32).toString('base64url')}.ics`,
      );
      const malformed = await fetchFeed(`${gateway.url}/v1/booking-feeds/not-a-token.ics`);
      for (const res of [revoked, forged, malformed]) {
        expect(res.status).toBe(404);
        expect(JSON.parse(res.text)).toEqual(JSON.parse(revoked.text));
      }
      const listed = (await (await call('gabi@aurora.test', 'GET', '/v1/booking-feeds')).json()) as {
        id: string;
        revokedAt: string | null;
      }[];
      expect(listed.find((f) => f.id === gabis.id)?.revokedAt).toEqual(expect.any(String));
      expect(JSON.stringify(listed)).not.toMatch(/\.ics/); // no URL, no token, once created
      expect((await fetchFeed(clubFeed.url)).status).toBe(200); // the club's feed is untouched
    });
  });
});
