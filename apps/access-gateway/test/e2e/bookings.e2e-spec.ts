import { randomUUID } from 'node:crypto';
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
    for (const user of ['ana@aurora.test', 'gabi@aurora.test', 'bruno@aurora.test', 'elisa@boreal.test']) {
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
    headers: Record<string, string> = {},
  ) =>
    fetch(`${gateway.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[user]}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
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
});
