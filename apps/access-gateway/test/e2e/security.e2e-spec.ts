import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { DataSource } from 'typeorm';
import { SignJWT, base64url, exportSPKI, generateKeyPair, importJWK, type JWK } from 'jose';
import {
  adminDatabaseUrl,
  clientCredentialsToken,
  keycloakIssuer,
  startService,
  userToken,
  type RunningService,
} from '@sportclub/testing';
import { tokenSubject } from '../support/tokens';

const VENDOR_SECRET = 'sandbox-access-webhook-secret';
const VENDOR_OLD_SECRET = 'the-secret-being-rotated-out';

/** Tokens the gateway must refuse, and limits it must enforce without falling over. */
describe('access-gateway security (booted service, real Keycloak and Redis)', () => {
  let gateway: RunningService;
  let ana: string;
  let bruno: string;

  beforeAll(async () => {
    gateway = await startService('access-gateway', {
      env: {
        RATE_LIMIT_PER_MEMBER: '30',
        RATE_LIMIT_PER_TENANT: '1000',
        RATE_LIMIT_WINDOW_SEC: '30',
        RATE_LIMIT_KEY_PREFIX: `test:${randomUUID()}`,
        ACCESS_VENDOR_WEBHOOK_SECRET_PREVIOUS: VENDOR_OLD_SECRET,
      },
    });
    [ana, bruno] = await Promise.all([userToken('ana@aurora.test'), userToken('bruno@aurora.test')]);
    for (const user of ['gabi@aurora.test', 'hugo@boreal.test', 'elisa@boreal.test']) {
      tokens[user] = await userToken(user);
    }
    Object.assign(tokens, { 'ana@aurora.test': ana, 'bruno@aurora.test': bruno });
    tokens.partner = await clientCredentialsToken('partner-aurora', 'partner-aurora-dev-secret');
    db = await new DataSource({ type: 'postgres', url: adminDatabaseUrl(gateway.database!) }).initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await gateway?.stop();
  });

  const tokens: Record<string, string> = {};
  let db: DataSource;
  const call = async (user: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${gateway.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[user]}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read what they need
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any };
  };

  const courts = (token?: string) =>
    fetch(`${gateway.url}/v1/courts`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  async function forgedTokens(): Promise<Record<string, string>> {
    const [header, payload] = ana.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string };
    const now = Math.floor(Date.now() / 1000);
    const { keys } = (await (await fetch(`${keycloakIssuer()}/protocol/openid-connect/certs`)).json()) as {
      keys: JWK[];
    };
    const realmKey = keys.find((k) => k.kid === kid)!;
    const publicPem = await exportSPKI(
      (await importJWK(realmKey, 'RS256')) as Parameters<typeof exportSPKI>[0],
    );
    const stranger = await generateKeyPair('RS256');
    const signWithStranger = (overrides: Record<string, unknown>, kidUsed = 'not-a-realm-key') =>
      new SignJWT({ ...claims, ...overrides })
        .setProtectedHeader({ alg: 'RS256', kid: kidUsed, typ: 'JWT' })
        .sign(stranger.privateKey);
    const { aud: _aud, ...withoutAud } = claims;
    return {
      'alg none': `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${payload}.`,
      'HS256 signed with the realm public key': await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', kid, typ: 'JWT' })
        .sign(new TextEncoder().encode(publicPem)),
      'unknown kid': await signWithStranger({}),
      'a stranger key claiming the realm kid': await signWithStranger({}, kid),
      'wrong issuer': await signWithStranger({ iss: 'http://evil.test/realms/sportclub' }, kid),
      'wrong audience': await signWithStranger({ aud: 'someone-else' }, kid),
      'missing audience': await new SignJWT(withoutAud)
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .sign(stranger.privateKey),
      expired: await signWithStranger({ iat: now - 7200, exp: now - 3600 }, kid),
      'tampered tenant': `${header}.${base64url.encode(JSON.stringify({ ...claims, tenant_id: 'club-boreal' }))}.${ana.split('.')[2]}`,
      'not a JWT': 'definitely-not-a-token',
    };
  }

  it('answers 401 with a reason to every forged, foreign or malformed token, and 200 to a real one', async () => {
    const forged = await forgedTokens();
    for (const [name, token] of Object.entries(forged)) {
      const res = await courts(token);
      expect({ name, status: res.status }).toEqual({ name, status: 401 });
      expect(await res.json()).toMatchObject({ error: 'unauthorized', reason: expect.any(String) });
    }
    expect((await courts()).status).toBe(401);
    expect((await courts(bruno)).status).toBe(200);
  });

  it('serves its OpenAPI document at /docs', async () => {
    const doc = (await (await fetch(`${gateway.url}/docs/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/v1/booking-feeds',
        '/v1/booking-feeds/{id}',
        '/v1/booking-feeds/{token}.ics',
        '/v1/booking-policy',
        '/v1/bookings',
        '/v1/bookings/{bookingId}',
        '/v1/bookings/{bookingId}/cancel',
        '/v1/bookings/{bookingId}/slot',
        '/v1/calendar/connections',
        '/v1/calendar/connections/complete',
        '/v1/calendar/connections/{connectionId}',
        '/v1/calendar/connections/{connectionId}/events',
        '/v1/calendar/connections/{connectionId}/resync',
        '/v1/check-ins',
        '/v1/check-ins/{id}',
        '/v1/check-outs',
        '/v1/courts',
        '/v1/courts/{courtId}',
        '/v1/devices',
        '/v1/devices/{deviceId}',
        '/v1/highlights',
        '/v1/highlights/{highlightId}',
        '/v1/members',
        '/v1/members/import',
        '/v1/members/me',
        '/v1/members/{memberId}',
        '/v1/members/{memberId}/status',
        '/v1/notifications/announcements',
        '/v1/notifications/announcements/{announcementId}',
        '/v1/notifications/deliveries',
        '/v1/notifications/my-data',
        '/v1/notifications/preferences',
        '/v1/notifications/provider-accounts',
        '/v1/notifications/provider-accounts/{provider}',
        '/v1/notifications/templates',
        '/v1/notifications/templates/{kind}/{locale}',
        '/v1/rfid-cards',
        '/v1/rfid-cards/{cardId}',
        '/v1/sessions',
        '/v1/video/clip-retention',
        '/v1/video/my-data',
        '/v1/wallet',
        '/v1/wallet/payment-method',
        '/v1/wallet/top-ups',
        '/v1/wallet/top-ups/{paymentId}',
      ].sort(),
    );
    expect((await fetch(`${gateway.url}/docs`)).status).toBe(200);
  });

  it('answers 429 with Retry-After past a member’s limit, keeps other members served and stays healthy', async () => {
    const statuses = await Promise.all(Array.from({ length: 40 }, () => courts(ana).then((r) => r.status)));
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(30);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(10);
    const limited = await courts(ana);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: 'rate_limited', limit: 30 });
    expect((await courts(bruno)).status).toBe(200);
    expect((await fetch(`${gateway.url}/health/ready`)).status).toBe(200);
  });

  it('limits a public feed URL like a member: 429 with Retry-After past the limit, other URLs still answered', async () => {
    const feed = (token: string) => fetch(`${gateway.url}/v1/booking-feeds/${token}.ics`);
    const forged = randomBytes(32).toString('base64url');
    const statuses = await Promise.all(Array.from({ length: 40 }, () => feed(forged).then((r) => r.status)));
    expect(statuses.filter((s) => s === 404).length).toBeLessThanOrEqual(30);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(10);
    const limited = await feed(forged);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: 'rate_limited', limit: 30 });
    expect((await feed(randomBytes(32).toString('base64url'))).status).toBe(404);
  });

  it('every /v1 route declares its roles and documents its answers: a partner service account gets 403 on each', async () => {
    const doc = (await (await fetch(`${gateway.url}/docs/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<string, { security?: unknown[]; responses: Record<string, { content?: unknown }> }>
      >;
    };
    const sample: Record<string, string> = {
      id: randomUUID(),
      bookingId: randomUUID(),
      connectionId: randomUUID(),
      courtId: 'court-1',
      deviceId: 'door-1',
      cardId: '04A1B2C3D4',
      memberId: 'someone',
      paymentId: 'pay-1',
      provider: 'twilio',
      kind: 'checkin.completed',
      locale: 'pt-BR',
      token: randomBytes(32).toString('base64url'),
    };
    let routes = 0;
    const publicRoutes: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        routes++;
        const success = Object.keys(op.responses).filter((s) => /^2/.test(s));
        expect({ path, method, success: success.length > 0 }).toEqual({ path, method, success: true });
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => sample[name]);
        if (!op.security?.length) {
          // A public route (a feed's secret URL): no token needed, and a made-up secret is not found.
          publicRoutes.push(`${method} ${path}`);
          expect({ path, method, schema: !!op.responses['404']?.content }).toEqual({
            path,
            method,
            schema: true,
          });
          const res = await fetch(`${gateway.url}${url}`, { method: method.toUpperCase() });
          expect({ path, method, status: res.status }).toEqual({ path, method, status: 404 });
          continue;
        }
        for (const status of ['401', '403']) {
          expect({ path, method, status, schema: !!op.responses[status]?.content }).toEqual({
            path,
            method,
            status,
            schema: true,
          });
        }
        const res = await call(
          'partner',
          method.toUpperCase(),
          url,
          ['post', 'put'].includes(method) ? {} : undefined,
        );
        expect({ path, method, status: res.status }).toEqual({ path, method, status: 403 });
        expect(res.body).toMatchObject({ error: 'forbidden' });
      }
    }
    expect(routes).toBeGreaterThanOrEqual(19);
    expect(publicRoutes).toEqual(['get /v1/booking-feeds/{token}.ics']);
    // A member on a staff route is refused too, and the partner's check-in started nothing.
    expect((await call('gabi@aurora.test', 'GET', '/v1/members')).status).toBe(403);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM saga_instance`);
    expect(n).toBe(0);
  });

  it("keeps a club's members directory: first call enrols, staff import and suspend, another club's member is 404", async () => {
    const gabi = tokenSubject(tokens['gabi@aurora.test']);
    const hugo = tokenSubject(tokens['hugo@boreal.test']);
    expect((await call('gabi@aurora.test', 'GET', '/v1/members/me')).body).toMatchObject({
      memberId: gabi,
      status: 'active',
    });
    await call('hugo@boreal.test', 'GET', '/v1/courts'); // Hugo becomes Boreal's member
    const imported = await call('bruno@aurora.test', 'POST', '/v1/members/import', {
      members: [{ memberId: 'imported-1', name: 'Ivo', email: 'ivo@aurora.test' }, { memberId: gabi }],
    });
    expect(imported).toMatchObject({ status: 200, body: { created: ['imported-1'], updated: [gabi] } });
    const invalid = await call('bruno@aurora.test', 'POST', '/v1/members/import', {
      members: [{ memberId: '', email: 'not-an-email' }],
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.problems.map((p: { field: string }) => p.field).sort()).toEqual([
      'members.0.email',
      'members.0.memberId',
    ]);
    expect((await call('bruno@aurora.test', 'GET', `/v1/members/${hugo}`)).body).toMatchObject({
      error: 'member_not_found',
    });
    expect((await call('elisa@boreal.test', 'GET', '/v1/members/imported-1')).status).toBe(404);
    expect(
      (
        await call('elisa@boreal.test', 'PUT', `/v1/members/${gabi}/status`, {
          status: 'suspended',
          reason: 'x',
        })
      ).status,
    ).toBe(404);
    const listed = await call('bruno@aurora.test', 'GET', '/v1/members?limit=500');
    expect(listed.body.map((m: { memberId: string }) => m.memberId)).toEqual(
      expect.arrayContaining(['imported-1', gabi]),
    );
    expect(listed.body.map((m: { memberId: string }) => m.memberId)).not.toContain(hugo);

    // Suspended: refused at the app (every route), and staff cannot check them in; reinstated: served again.
    expect(
      (await call('bruno@aurora.test', 'PUT', `/v1/members/${gabi}/status`, { status: 'suspended' })).body
        .problems,
    ).toEqual([{ field: 'reason', reason: 'say why the member is suspended' }]);
    const suspended = await call('bruno@aurora.test', 'PUT', `/v1/members/${gabi}/status`, {
      status: 'suspended',
      reason: 'unpaid fees',
    });
    expect(suspended.body).toMatchObject({ status: 'suspended', statusReason: 'unpaid fees' });
    for (const [method, path] of [
      ['GET', '/v1/courts'],
      ['GET', '/v1/wallet'],
      ['GET', '/v1/sessions'],
    ]) {
      const res = await call('gabi@aurora.test', method, path);
      expect({ path, status: res.status, error: res.body.error }).toEqual({
        path,
        status: 403,
        error: 'member_suspended',
      });
    }
    await call('bruno@aurora.test', 'PUT', '/v1/courts/court-1', { name: 'Court 1', priceCentavos: 2_500 });
    const byStaff = await fetch(`${gateway.url}/v1/check-ins`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${bruno}`,
        'content-type': 'application/json',
        'idempotency-key': `key-${randomUUID()}`,
      },
      body: JSON.stringify({ courtId: 'court-1', memberId: gabi }),
    });
    expect(byStaff.status).toBe(403);
    expect(await byStaff.json()).toMatchObject({ error: 'member_suspended', field: 'memberId' });
    await call('bruno@aurora.test', 'PUT', `/v1/members/${gabi}/status`, { status: 'active' });
    expect((await call('gabi@aurora.test', 'GET', '/v1/courts')).status).toBe(200);
  });

  it("answers 404 when a club's staff check in another club's member (fault 1), starting nothing", async () => {
    await call('elisa@boreal.test', 'PUT', '/v1/courts/court-b1', { name: 'Boreal 1', priceCentavos: 2_500 });
    const gabi = tokenSubject(tokens['gabi@aurora.test']); // an Aurora member (enrolled above)
    const res = await fetch(`${gateway.url}/v1/check-ins`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens['elisa@boreal.test']}`,
        'content-type': 'application/json',
        'idempotency-key': `key-${randomUUID()}`,
      },
      body: JSON.stringify({ courtId: 'court-b1', memberId: gabi }),
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'member_not_found', field: 'memberId' });
    const cards = await call('elisa@boreal.test', 'PUT', '/v1/rfid-cards/04AABBCCDD', { memberId: gabi });
    expect(cards).toMatchObject({ status: 404, body: { error: 'member_not_found' } });
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM saga_instance`);
    expect(n).toBe(0);
  });

  it('refuses a repeated Authorization header (400) and a form-encoded body on a JSON route (415) (fault 11)', async () => {
    const raw = (headers: Record<string, string | string[]>, body?: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(`${gateway.url}/v1/courts/court-1`, { method: 'PUT', headers }, (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body: text }));
        });
        req.on('error', reject);
        req.end(body);
      });
    const json = JSON.stringify({ name: 'Court 1', priceCentavos: 3_000 });
    const twice = await raw(
      {
        authorization: [`Bearer ${bruno}`, `Bearer ${tokens['elisa@boreal.test']}`],
        'content-type': 'application/json',
      },
      json,
    );
    expect(twice.status).toBe(400);
    expect(JSON.parse(twice.body)).toMatchObject({ error: 'duplicate_header', field: 'authorization' });
    const form = await raw(
      { authorization: `Bearer ${bruno}`, 'content-type': 'application/x-www-form-urlencoded' },
      'name=Court+1&priceCentavos=3000',
    );
    expect(form.status).toBe(415);
    expect(JSON.parse(form.body)).toMatchObject({ error: 'unsupported_media_type', field: 'content-type' });
    const [court] = await db.query(`SELECT price_centavos FROM court WHERE court_id = 'court-1'`);
    expect(court.price_centavos).toBe(2_500); // neither request changed anything
    expect(
      (await raw({ authorization: `Bearer ${bruno}`, 'content-type': 'application/json' }, json)).status,
    ).toBe(200);
  });

  it('takes vendor webhooks signed during a secret rotation (fault 5) and keeps a body jsonb cannot hold (fault 4)', async () => {
    const send = (body: string, signature: string, eventId = `evt-${randomUUID()}`) =>
      fetch(`${gateway.url}/webhooks/access-vendor`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-access-signature': signature,
          'x-access-event-id': eventId,
        },
        body,
      });
    const v1 = (secret: string, t: number, body: string) =>
      createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    const t = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({
      event_type: 'consumption.recorded',
      timestamp: new Date().toISOString(),
      data: {
        session_id: `ses_${randomUUID()}`,
        item_id: 'agua',
        item_name: 'Água\u0000 500 ml',
        quantity: 1,
        unit_price: 600,
        total_price: 600,
      },
    });
    // The vendor signs with the new secret and the old one; either order, either alone, is accepted.
    const rotated = `t=${t},v1=${v1(VENDOR_SECRET, t, body)},v1=${v1(VENDOR_OLD_SECRET, t, body)}`;
    const eventId = `evt-${randomUUID()}`;
    const first = await send(body, rotated, eventId);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: true, duplicate: false, outcome: 'consumption-recorded' });
    expect((await send(body, `t=${t},v1=${v1(VENDOR_OLD_SECRET, t, body)}`, eventId)).status).toBe(200);
    expect((await send(body, `t=${t},v1=${v1('another-secret-entirely', t, body)}`)).status).toBe(401);
    const [row] = await db.query(
      `SELECT raw_body, payload->'data'->>'item_name' AS name FROM webhook_event WHERE event_id = $1`,
      [eventId],
    );
    expect((row.raw_body as Buffer).toString()).toBe(body); // kept exactly as signed
    expect(row.name).toBe('Água 500 ml');
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM webhook_event WHERE event_id = $1`, [
      eventId,
    ]);
    expect(n).toBe(1);
  });

  it('answers bad input found by trying the platform with a clear 4xx, never a 500 (QA findings)', async () => {
    const bad = async (method: string, path: string, body: unknown) => {
      const res = await call('bruno@aurora.test', method, path, body);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      return res.body as { error: string; problems: { field: string; reason: string }[] };
    };
    // Text PostgreSQL cannot store (U+0000, an unpaired surrogate), anywhere in a body.
    expect((await bad('PUT', '/v1/courts/court-4', { name: 'a\u0000b', priceCentavos: 1 })).problems).toEqual(
      [{ field: 'name', reason: expect.stringContaining('U+0000') }],
    );
    expect(
      (await bad('PUT', '/v1/courts/court-5', { name: 'Quadra \ud800', priceCentavos: 1 })).problems,
    ).toEqual([{ field: 'name', reason: expect.stringContaining('surrogate') }]);
    expect(
      (await bad('POST', '/v1/members/import', { members: [{ memberId: 'n-1', name: 'x\u0000' }] })).problems,
    ).toEqual([{ field: 'members.0.name', reason: expect.any(String) }]);
    // The same member twice in one import.
    expect(
      (await bad('POST', '/v1/members/import', { members: [{ memberId: 'dup-1' }, { memberId: 'dup-1' }] }))
        .problems,
    ).toEqual([{ field: 'members.1.memberId', reason: 'listed twice in this import' }]);
    // An unknown query key is named as itself.
    const query = await call('bruno@aurora.test', 'GET', '/v1/members?foo=1');
    expect(query.body.problems).toEqual([{ field: 'foo', reason: 'not a field of this request' }]);
    // Malformed JSON and an unknown route answer in the platform's shape too.
    const malformed = await fetch(`${gateway.url}/v1/courts/court-6`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${bruno}`, 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'invalid_json', field: '(body)' });
    const nowhere = await call('bruno@aurora.test', 'GET', '/v1/nowhere');
    expect(nowhere).toMatchObject({ status: 404, body: { error: 'not_found', reason: expect.any(String) } });
    // The documented import maximum fits: 500 members with long names and e-mails.
    const members = Array.from({ length: 500 }, (_, i) => ({
      memberId: `bulk-${i}-${randomUUID()}`,
      name: 'N'.repeat(200),
      email: `member.${i}.${'x'.repeat(180)}@aurora.test`,
    }));
    const bulk = await call('bruno@aurora.test', 'POST', '/v1/members/import', { members });
    expect(bulk.status).toBe(200);
    expect(bulk.body.created).toHaveLength(500);
    // The authentication scheme is case-insensitive.
    const lower = await fetch(`${gateway.url}/v1/courts`, { headers: { authorization: `bearer ${bruno}` } });
    expect(lower.status).toBe(200);
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM court WHERE court_id IN ('court-4', 'court-5')`,
    );
    expect(n).toBe(0);
  });

  it('lets a suspended member read why, and refuses a vendor event id reused for another body or absurd amounts', async () => {
    const gabi = tokenSubject(tokens['gabi@aurora.test']);
    await call('bruno@aurora.test', 'PUT', `/v1/members/${gabi}/status`, {
      status: 'suspended',
      reason: 'unpaid fees',
    });
    expect(await call('gabi@aurora.test', 'GET', '/v1/members/me')).toMatchObject({
      status: 200,
      body: { status: 'suspended', statusReason: 'unpaid fees' },
    });
    expect((await call('gabi@aurora.test', 'GET', '/v1/courts')).status).toBe(403);
    await call('bruno@aurora.test', 'PUT', `/v1/members/${gabi}/status`, { status: 'active' });

    const t = Math.floor(Date.now() / 1000);
    const signed = (body: string) =>
      `t=${t},v1=${createHmac('sha256', VENDOR_SECRET).update(`${t}.${body}`).digest('hex')}`;
    const send = (body: string, eventId: string) =>
      fetch(`${gateway.url}/webhooks/access-vendor`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-access-signature': signed(body),
          'x-access-event-id': eventId,
        },
        body,
      });
    const item = (total: number, unit = 600, quantity = 1) =>
      JSON.stringify({
        event_type: 'consumption.recorded',
        timestamp: new Date().toISOString(),
        data: {
          session_id: 'ses_x',
          item_id: 'agua',
          item_name: 'Água',
          quantity,
          unit_price: unit,
          total_price: total,
        },
      });
    const eventId = `evt-${randomUUID()}`;
    expect((await send(item(600), eventId)).status).toBe(200);
    const reused = await send(item(1_200, 600, 2), eventId);
    expect(reused.status).toBe(409);
    expect(await reused.json()).toMatchObject({ error: 'event_id_reused', field: 'X-Access-Event-Id' });
    const [row] = await db.query(
      `SELECT payload->'data'->>'total_price' AS total FROM webhook_event WHERE event_id = $1`,
      [eventId],
    );
    expect(row.total).toBe('600'); // the first body stands
    for (const body of [item(999_999, 100), item(9_007_199_254_740_991, 9_007_199_254_740_991)]) {
      const res = await send(body, `evt-${randomUUID()}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { problems: { field: string }[] }).problems[0].field).toMatch(/^data\./);
    }
  });

  it('documents the Idempotency-Key once, with its format, and 413/415 on every route with a body', async () => {
    const doc = (await (await fetch(`${gateway.url}/docs/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string; in: string }[];
            requestBody?: unknown;
            responses: Record<string, unknown>;
          }
        >
      >;
    };
    const keys = doc.paths['/v1/check-ins'].post.parameters!.filter((p) => p.in === 'header');
    expect(keys.map((p) => p.name)).toEqual(['Idempotency-Key']);
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!op.requestBody) continue;
        expect({ path, method, documented: ['413', '415'].every((s) => s in op.responses) }).toEqual({
          path,
          method,
          documented: true,
        });
      }
    }
  });
});
