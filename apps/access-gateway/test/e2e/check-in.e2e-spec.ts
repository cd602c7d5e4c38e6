import { createHmac, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  adminDatabaseUrl,
  eventually,
  startService,
  userToken,
  type RunningService,
  callAs,
} from '@sportclub/testing';
import { idFor } from '../../src/idempotency/idempotency-key';
import { fundWallets } from '../support/wallets';
import { importMembers } from '../support/members';
import { leaveCourts } from '../support/sessions';
import { tokenSubject } from '../support/tokens';

/**
 * The check-in saga end to end: the gateway (JWT, courts, saga), payments (wallet and ledger) and the
 * partner sandbox's access vendor, each its own process, over the real brokers, PostgreSQL and Keycloak.
 */
describe('check-in → credit → court, end to end', () => {
  let sandbox: RunningService;
  let payments: RunningService;
  let gateway: RunningService;
  let paymentsDb: DataSource;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    sandbox = await startService('partner-sandbox');
    payments = await startService('payments');
    gateway = await startService('access-gateway', {
      env: {
        ACCESS_VENDOR_URL: `${sandbox.url}/access-vendor`,
        CHECK_IN_DEADLINE_MS: '5000',
        RATE_LIMIT_KEY_PREFIX: `test:${randomUUID()}`,
      },
    });
    paymentsDb = await new DataSource({
      type: 'postgres',
      url: adminDatabaseUrl(payments.database!),
    }).initialize();
    for (const user of ['ana@aurora.test', 'bruno@aurora.test', 'davi@boreal.test', 'elisa@boreal.test']) {
      tokens[user] = await userToken(user);
    }
  });
  afterAll(async () => {
    await paymentsDb?.destroy();
    await Promise.allSettled([gateway?.stop(), payments?.stop(), sandbox?.stop()]);
  });

  const call = (
    user: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => callAs(gateway.url, user ? tokens[user] : null, method, path, body, headers);
  /** What the gateway answers, loosely typed for assertions. */
  interface Answer {
    checkInId: string;
    status: string;
    reason: string | null;
    sessionId: string | null;
    error?: string;
    problems: { field: string; reason: string }[];
  }
  const json = async (res: Response | Promise<Response>) => (await (await res).json()) as Answer;
  const subjectOf = (user: string) => tokenSubject(tokens[user]);

  const fund = (tenant: string, member: string, centavos: number) =>
    fundWallets(paymentsDb, tenant, [{ id: member, centavos }]);
  const wallet = async (tenant: string, member: string) => {
    const [w] = await paymentsDb.query(
      `SELECT available_centavos::int AS available, reserved_centavos::int AS reserved FROM wallet WHERE tenant_id = $1 AND member_id = $2`,
      [tenant, member],
    );
    return w as { available: number; reserved: number } | undefined;
  };
  async function checkIn(user: string, courtId: string, key = `key-${randomUUID()}`) {
    await leaveCourts(gateway.url, tokens[user]);
    const res = await call(user, 'POST', '/v1/check-ins', { courtId }, { 'idempotency-key': key });
    expect(res.status).toBe(202);
    const started = (await res.json()) as { checkInId: string };
    let final: { status: string; reason: string | null; sessionId: string | null } = {
      status: 'PENDING',
      reason: null,
      sessionId: null,
    };
    await eventually(
      async () => {
        final = await json(call(user, 'GET', `/v1/check-ins/${started.checkInId}`));
        return final.status !== 'PENDING';
      },
      'check-in finished',
      30_000,
    );
    return { ...final, checkInId: started.checkInId };
  }

  it('refuses requests without a valid token, and lets only staff set prices', async () => {
    expect((await call(null, 'GET', '/v1/courts')).status).toBe(401);
    const bad = await fetch(`${gateway.url}/v1/courts`, { headers: { authorization: 'Bearer not.a.jwt' } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: 'unauthorized', reason: expect.any(String) });
    expect(
      (await call('ana@aurora.test', 'PUT', '/v1/courts/court-1', { name: 'Court 1', priceCentavos: 1 }))
        .status,
    ).toBe(403);
    const invalid = await call('bruno@aurora.test', 'PUT', '/v1/courts/court-1', {
      name: '',
      priceCentavos: -5,
    });
    expect(invalid.status).toBe(400);
    expect((await json(invalid)).problems.map((p) => p.field).sort()).toEqual(['name', 'priceCentavos']);
    expect(
      (
        await call('bruno@aurora.test', 'PUT', '/v1/courts/court-1', {
          name: 'Court 1',
          priceCentavos: 2_500,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call('elisa@boreal.test', 'PUT', '/v1/courts/court-9', {
          name: 'Quadra 9',
          priceCentavos: 3_000,
        })
      ).status,
    ).toBe(200);
    expect(await (await call('davi@boreal.test', 'GET', '/v1/courts')).json()).toEqual([
      { courtId: 'court-9', name: 'Quadra 9', priceCentavos: 3_000 },
    ]);
  });

  it('checks a member with credit in: the court opens and the price is taken once', async () => {
    const ana = subjectOf('ana@aurora.test');
    await fund('club-aurora', ana, 10_000);
    const result = await checkIn('ana@aurora.test', 'court-1');
    expect(result).toMatchObject({ status: 'COMPLETED', sessionId: expect.stringMatching(/^ses_/) });
    expect(await wallet('club-aurora', ana)).toEqual({ available: 7_500, reserved: 0 });

    // Another club's member cannot see it: 404, not 403.
    expect((await call('davi@boreal.test', 'GET', `/v1/check-ins/${result.checkInId}`)).status).toBe(404);
    // On court now: a second check-in is refused (no paying twice for the same time)…
    const twice = await call(
      'ana@aurora.test',
      'POST',
      '/v1/check-ins',
      { courtId: 'court-1' },
      { 'idempotency-key': `key-${randomUUID()}` },
    );
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({ error: 'already_on_court', sessionId: result.sessionId });
    expect(await wallet('club-aurora', ana)).toEqual({ available: 7_500, reserved: 0 });
    await leaveCourts(gateway.url, tokens['ana@aurora.test']);
    // The same idempotency key answers the same check-in, without charging again.
    const key = `key-${randomUUID()}`;
    const first = await json(
      call('ana@aurora.test', 'POST', '/v1/check-ins', { courtId: 'court-1' }, { 'idempotency-key': key }),
    );
    await eventually(
      async () =>
        (await json(call('ana@aurora.test', 'GET', `/v1/check-ins/${first.checkInId}`))).status !== 'PENDING',
    );
    const again = await json(
      call('ana@aurora.test', 'POST', '/v1/check-ins', { courtId: 'court-1' }, { 'idempotency-key': key }),
    );
    expect(again.checkInId).toBe(first.checkInId);
    // …and the same key with another body is refused, never answered with the first check-in (fault 3).
    const reused = await call(
      'ana@aurora.test',
      'POST',
      '/v1/check-ins',
      { courtId: 'court-1', topUpMethod: 'pix' },
      { 'idempotency-key': key },
    );
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ error: 'idempotency_key_reused' });
    expect(await wallet('club-aurora', ana)).toEqual({ available: 5_000, reserved: 0 });

    // Her wallet through the gateway (request/reply to payments): balances and the ledger behind them.
    const mine = (await (await call('ana@aurora.test', 'GET', '/v1/wallet')).json()) as {
      availableCentavos: number;
      ledger: { kind: string; amountCentavos: number; account: string }[];
    };
    expect(mine.availableCentavos).toBe(5_000);
    expect(mine.ledger.filter((l) => l.kind === 'commit').map((l) => l.amountCentavos)).toEqual([
      -2_500, -2_500,
    ]);
    expect(
      (await call('ana@aurora.test', 'GET', `/v1/wallet?memberId=${subjectOf('bruno@aurora.test')}`)).status,
    ).toBe(403);
    const byStaff = (await (await call('bruno@aurora.test', 'GET', `/v1/wallet?memberId=${ana}`)).json()) as {
      availableCentavos: number;
    };
    expect(byStaff.availableCentavos).toBe(5_000);
    // Boreal's staff naming Aurora's member: not a member of Boreal, so not found (never Aurora's wallet).
    const foreign = await call('elisa@boreal.test', 'GET', `/v1/wallet?memberId=${ana}`);
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ error: 'member_not_found', field: 'memberId' });
  });

  it('opens a court session for each completed check-in; check-out closes it at the vendor, for its member or staff only', async () => {
    type Session = { sessionId: string; memberId: string; endedAt: string | null };
    const sessions = async (user: string) =>
      (await (await call(user, 'GET', '/v1/sessions?active=true')).json()) as Session[];
    // Her latest check-in's session is open (she left the court before checking in again).
    await eventually(
      async () => (await sessions('ana@aurora.test')).length === 1,
      'her session is open',
      30_000,
    );
    const [latest] = await sessions('ana@aurora.test');
    expect(latest.memberId).toBe(subjectOf('ana@aurora.test'));
    expect(await sessions('davi@boreal.test')).toEqual([]); // another club sees none of them

    const foreign = await call('davi@boreal.test', 'POST', '/v1/check-outs', { sessionId: latest.sessionId });
    expect(foreign.status).toBe(404);
    const out = await call('bruno@aurora.test', 'POST', '/v1/check-outs', { sessionId: latest.sessionId });
    expect(out.status).toBe(200);
    expect(((await out.json()) as Session).endedAt).toEqual(expect.any(String));
    expect((await sessions('ana@aurora.test')).map((s) => s.sessionId)).not.toContain(latest.sessionId);
    const vendor = (await (
      await fetch(`${sandbox.url}/access-vendor/api/v1/access/sessions/${latest.sessionId}`, {
        headers: { authorization: 'Bearer sandbox-access-key' },
      })
    ).json()) as { checked_out_at?: string };
    expect(vendor.checked_out_at).toEqual(expect.any(String));
    const bad = await call('ana@aurora.test', 'POST', '/v1/check-outs', {});
    expect(bad.status).toBe(400);
  });

  it('takes the access vendor’s signed webhooks once: a door check-out closes the session, forgeries and replays change nothing', async () => {
    const secret = 'sandbox-access-webhook-secret'; // deploy/services.json, shared with the sandbox here
    const gatewayDb = await new DataSource({
      type: 'postgres',
      url: adminDatabaseUrl(gateway.database!),
    }).initialize();
    try {
      const admin = (path: string, body: unknown) =>
        fetch(`${sandbox.url}/__admin/${path}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect(
        (await admin('webhooks/access-vendor', { url: `${gateway.url}/webhooks/access-vendor`, secret }))
          .status,
      ).toBe(200);
      expect((await admin('faults/access-vendor', { duplicateWebhooks: true })).status).toBe(200);

      const checkedIn = await checkIn('ana@aurora.test', 'court-1');
      const open = { sessionId: checkedIn.sessionId! };
      const door = await fetch(
        `${sandbox.url}/access-vendor/api/v1/access/__admin/door-checkout/${open.sessionId}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ consumptionCentavos: 1_200 }),
        },
      );
      expect(((await door.json()) as { deliveries: number[] }).deliveries).toEqual([200, 200]); // delivered twice
      await fetch(`${sandbox.url}/__admin/faults`, { method: 'DELETE' });
      const ended = await gatewayDb.query(
        `SELECT envelope->'data' AS data FROM outbox WHERE envelope->>'type' = 'access.session.ended.v1' AND message_key = $1`,
        [open.sessionId],
      );
      expect(ended).toEqual([
        { data: expect.objectContaining({ sessionId: open.sessionId, consumptionCentavos: 1_200 }) },
      ]);
      // Payments settles it from her credit, once, however many times the event arrives.
      const ana = subjectOf('ana@aurora.test');
      await eventually(
        async () => (await wallet('club-aurora', ana))?.available === 5_000 - 2_500 - 1_200, // this test's check-in, then the bar
        'consumption settled',
      );
      const [{ n: entries }] = await paymentsDb.query(
        `SELECT count(*)::int AS n FROM ledger_entry WHERE reference = $1`,
        [`session:${open.sessionId}`],
      );
      expect(entries).toBe(2);

      const send = (body: string, headers: Record<string, string>) =>
        fetch(`${gateway.url}/webhooks/access-vendor`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
        });
      const sign = (body: string, t = Math.floor(Date.now() / 1000), key = secret) =>
        `t=${t},v1=${createHmac('sha256', key).update(`${t}.${body}`).digest('hex')}`;
      const event = JSON.stringify({
        event_type: 'access.checkin',
        timestamp: new Date().toISOString(),
        data: { session_id: 'ses_x' },
      });
      const id = { 'x-access-event-id': `evt_${randomUUID()}` };

      const forged = await send(event, {
        ...id,
        'x-access-signature': sign(event, undefined, 'not-the-secret-at-all'),
      });
      expect([forged.status, ((await forged.json()) as { error: string }).error]).toEqual([
        401,
        'invalid_signature',
      ]);
      const stale = await send(event, {
        ...id,
        'x-access-signature': sign(event, Math.floor(Date.now() / 1000) - 3_600),
      });
      expect(stale.status).toBe(401);
      expect(((await stale.json()) as { reason: string }).reason).toMatch(/tolerance/);
      expect((await send(event, { 'x-access-signature': sign(event) })).status).toBe(400); // no event id
      const bad = '{"event_type": "access.checkin", ';
      expect((await send(bad, { ...id, 'x-access-signature': sign(bad) })).status).toBe(400);
      const huge = JSON.stringify({
        event_type: 'access.checkin',
        timestamp: new Date().toISOString(),
        data: { session_id: 'x', pad: 'x'.repeat(1_100_000) }, // past the 1 MB JSON limit
      });
      expect((await send(huge, { ...id, 'x-access-signature': sign(huge) })).status).toBe(413);

      const first = await send(event, { ...id, 'x-access-signature': sign(event) });
      const replay = await send(event, { ...id, 'x-access-signature': sign(event) });
      expect(await first.json()).toMatchObject({ received: true, duplicate: false });
      expect(await replay.json()).toMatchObject({ received: true, duplicate: true });
      const [{ n }] = await gatewayDb.query(
        `SELECT count(*)::int AS n FROM webhook_event WHERE event_id = $1`,
        [id['x-access-event-id']],
      );
      expect(n).toBe(1);

      // A check-out that overtakes the check-in's completion is kept, then applied when the session
      // opens. The vendor's check-in is idempotent per external_ref (the check-in id), so opening the
      // court there first gives the session the gateway's check-in will get.
      const key = `key-${randomUUID()}`;
      const vendorCheckIn = await fetch(`${sandbox.url}/access-vendor/api/v1/access/checkin`, {
        method: 'POST',
        headers: { authorization: 'Bearer sandbox-access-key', 'content-type': 'application/json' },
        body: JSON.stringify({
          user_id: subjectOf('ana@aurora.test'),
          court_id: 'court-1',
          external_ref: idFor('check-in', 'club-aurora', `app:${subjectOf('ana@aurora.test')}:${key}`),
        }),
      });
      const { session_id: early } = (await vendorCheckIn.json()) as { session_id: string };
      const checkout = JSON.stringify({
        event_type: 'access.checkout',
        timestamp: new Date().toISOString(),
        data: { session_id: early, checked_out_at: new Date().toISOString(), consumption_total: 0 },
      });
      const kept = await send(checkout, {
        'x-access-event-id': `evt_${randomUUID()}`,
        'x-access-signature': sign(checkout),
      });
      expect(await kept.json()).toMatchObject({ duplicate: false, outcome: 'awaiting-session' });
      await fund('club-aurora', subjectOf('ana@aurora.test'), 2_500);
      expect(await checkIn('ana@aurora.test', 'court-1', key)).toMatchObject({
        status: 'COMPLETED',
        sessionId: early,
      });
      // Opened and closed in the transaction that completed the check-in.
      const sessions = await gatewayDb.query(`SELECT ended_at FROM court_session WHERE session_id = $1`, [
        early,
      ]);
      expect(sessions).toEqual([{ ended_at: expect.any(Date) }]);
      const [{ outcome }] = await gatewayDb.query(
        `SELECT outcome FROM webhook_event WHERE event_type = 'access.checkout' AND payload->'data'->>'session_id' = $1`,
        [early],
      );
      expect(outcome).toBe('session-closed');
    } finally {
      await gatewayDb.destroy();
    }
  });

  it('rejects a member without enough credit, taking and holding nothing', async () => {
    const davi = subjectOf('davi@boreal.test');
    await fund('club-boreal', davi, 1_000);
    const result = await checkIn('davi@boreal.test', 'court-9');
    expect(result).toMatchObject({
      status: 'REJECTED',
      reason: 'insufficient credit and the top-up failed: the member has no saved card',
    });
    expect(await wallet('club-boreal', davi)).toEqual({ available: 1_000, reserved: 0 });
  });

  it('fails cleanly and releases the credit when the access vendor is down', async () => {
    const ana = subjectOf('ana@aurora.test');
    await fund('club-aurora', ana, 2_500); // enough for the session, so only the vendor can fail it
    const before = await wallet('club-aurora', ana);
    await fetch(`${sandbox.url}/__admin/faults/access-vendor`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ down: true }),
    });
    try {
      const result = await checkIn('ana@aurora.test', 'court-1');
      expect(result.status).toBe('FAILED');
      expect(result.reason).toMatch(/court did not open: access vendor answered 503/);
    } finally {
      await fetch(`${sandbox.url}/__admin/faults`, { method: 'DELETE' });
    }
    await eventually(async () => (await wallet('club-aurora', ana))?.reserved === 0, 'credit released');
    expect(await wallet('club-aurora', ana)).toEqual(before);
    const [{ total }] = await paymentsDb.query(`SELECT sum(amount_centavos)::int AS total FROM ledger_entry`);
    expect(total).toBe(0);
  });

  it('answers bad check-in requests with the field and the reason', async () => {
    const noKey = await call('ana@aurora.test', 'POST', '/v1/check-ins', { courtId: 'court-1' });
    expect(noKey.status).toBe(400);
    expect((await json(noKey)).problems).toEqual([
      { field: 'Idempotency-Key', reason: 'header is required' },
    ]);
    const other = await call(
      'ana@aurora.test',
      'POST',
      '/v1/check-ins',
      { courtId: 'court-1', memberId: 'someone-else' },
      { 'idempotency-key': 'key-123456789' },
    );
    expect(other.status).toBe(403);
    const unknown = await call(
      'ana@aurora.test',
      'POST',
      '/v1/check-ins',
      { courtId: 'court-9' },
      { 'idempotency-key': 'key-987654321' },
    );
    expect(unknown.status).toBe(404); // boreal's court does not exist for aurora
  });
  it('settles what the bar and shop put on a session at check-out, once, from the vendor’s webhooks', async () => {
    const secret = 'sandbox-access-webhook-secret';
    const vendor = (path: string, body: unknown) =>
      fetch(`${sandbox.url}/access-vendor/api/v1/${path}`, {
        method: 'POST',
        headers: { authorization: 'Bearer sandbox-access-key', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const admin = (path: string, body: unknown) =>
      fetch(`${sandbox.url}/__admin/${path}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await admin('webhooks/access-vendor', { url: `${gateway.url}/webhooks/access-vendor`, secret });
    await admin('faults/access-vendor', { duplicateWebhooks: true });
    const gatewayDb = await new DataSource({
      type: 'postgres',
      url: adminDatabaseUrl(gateway.database!),
    }).initialize();
    try {
      const bruno = subjectOf('bruno@aurora.test');
      await importMembers(gateway.url, tokens['bruno@aurora.test'], [bruno]); // staff who also plays
      await fund('club-aurora', bruno, 10_000);
      const { sessionId } = await checkIn('bruno@aurora.test', 'court-1');
      expect(sessionId).toEqual(expect.stringMatching(/^ses_/));
      const items = [
        { item_id: 'agua', item_name: 'Água 500 ml', quantity: 2, unit_price: 600 },
        { item_id: 'grip', item_name: 'Overgrip', quantity: 1, unit_price: 1_500 },
      ];
      for (const item of items)
        expect((await vendor('consumption/record', { session_id: sessionId, ...item })).status).toBe(201);
      await eventually(async () => {
        const [{ n }] = await gatewayDb.query(
          `SELECT count(*)::int AS n FROM webhook_event WHERE event_type = 'consumption.recorded' AND payload->'data'->>'session_id' = $1`,
          [sessionId],
        );
        return n === 2; // each delivered twice, stored once
      }, 'consumption webhooks stored');
      expect(
        (await vendor('consumption/record', { session_id: sessionId, item_id: 'x', quantity: 0 })).status,
      ).toBe(400);

      const out = await call('bruno@aurora.test', 'POST', '/v1/check-outs', { sessionId });
      expect(out.status).toBe(200);
      const [ended] = await gatewayDb.query(
        `SELECT (envelope->'data'->>'consumptionCentavos')::int AS consumption FROM outbox
          WHERE envelope->>'type' = 'access.session.ended.v1' AND message_key = $1`,
        [sessionId],
      );
      expect(ended).toEqual({ consumption: 2_700 });
      await eventually(
        async () => (await wallet('club-aurora', bruno))?.available === 10_000 - 2_500 - 2_700,
        'consumption settled',
      );
      const [{ n: entries }] = await paymentsDb.query(
        `SELECT count(*)::int AS n FROM ledger_entry WHERE reference = $1`,
        [`session:${sessionId}`],
      );
      expect(entries).toBe(2);
    } finally {
      await fetch(`${sandbox.url}/__admin/faults`, { method: 'DELETE' });
      await gatewayDb.destroy();
    }
  });
});
