import { createHmac, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  adminDatabaseUrl,
  eventually,
  paymentProviderUrls,
  type RunningService,
  sandboxAdmin,
  startService,
  userToken,
  callAs,
} from '@sportclub/testing';
import { leaveCourts } from '../support/sessions';
import { fundWallets } from '../support/wallets';
import { tokenSubject } from '../support/tokens';

const STRIPE_WEBHOOK_SECRET = 'whsec_sandbox_stripe';
const MP_WEBHOOK_SECRET = 'sandbox-mercadopago-webhook-secret';

/**
 * Short credit topped up during the check-in, end to end: the gateway's saga, payments with its real
 * Stripe and Mercado Pago SDKs pointed at the partner sandbox, and the sandbox's signed webhooks back.
 */
describe('check-in with a top-up, end to end', () => {
  let sandbox: RunningService;
  let payments: RunningService;
  let gateway: RunningService;
  let paymentsDb: DataSource;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    sandbox = await startService('partner-sandbox');
    payments = await startService('payments', { env: paymentProviderUrls(sandbox.url) });
    gateway = await startService('access-gateway', {
      env: {
        ACCESS_VENDOR_URL: `${sandbox.url}/access-vendor`,
        CHECK_IN_DEADLINE_MS: '8000',
        RATE_LIMIT_PER_MEMBER: '100000',
        RATE_LIMIT_KEY_PREFIX: `test:${randomUUID()}`,
      },
    });
    for (const [vendor, path, secret] of [
      ['stripe', 'stripe', STRIPE_WEBHOOK_SECRET],
      ['mercadopago', 'mercadopago', MP_WEBHOOK_SECRET],
    ]) {
      const res = await admin('PUT', `webhooks/${vendor}`, {
        url: `${payments.url}/webhooks/${path}`,
        secret,
      });
      expect(res.status).toBeLessThan(300);
    }
    paymentsDb = await new DataSource({
      type: 'postgres',
      url: adminDatabaseUrl(payments.database!),
    }).initialize();
    for (const user of [
      'ana@aurora.test',
      'bruno@aurora.test',
      'gabi@aurora.test',
      'davi@boreal.test',
      'elisa@boreal.test',
      'hugo@boreal.test',
    ]) {
      tokens[user] = await userToken(user);
    }
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
  });
  afterEach(() => admin('DELETE', 'faults'));
  afterAll(async () => {
    await paymentsDb?.destroy();
    await Promise.allSettled([gateway?.stop(), payments?.stop(), sandbox?.stop()]);
  });

  const admin = (method: string, path: string, body?: unknown) =>
    sandboxAdmin(sandbox.url)(method, path, body);
  const call = (
    user: string,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => callAs(gateway.url, tokens[user], method, path, body, headers);
  const subjectOf = (user: string) => tokenSubject(tokens[user]);

  interface CheckIn {
    checkInId: string;
    status: string;
    reason: string | null;
    topUp: { paymentId: string; status: string; pix?: { qrCode: string } } | null;
  }
  async function startCheckIn(user: string, courtId: string, topUpMethod?: 'card' | 'pix') {
    await leaveCourts(gateway.url, tokens[user]);
    const res = await call(
      user,
      'POST',
      '/v1/check-ins',
      { courtId, ...(topUpMethod && { topUpMethod }) },
      {
        'idempotency-key': `key-${randomUUID()}`,
      },
    );
    expect(res.status).toBe(202);
    return ((await res.json()) as CheckIn).checkInId;
  }
  async function until(user: string, checkInId: string, done: (c: CheckIn) => boolean) {
    let last!: CheckIn;
    await eventually(
      async () => {
        last = (await (await call(user, 'GET', `/v1/check-ins/${checkInId}`)).json()) as CheckIn;
        return done(last);
      },
      'check-in state',
      30_000,
    );
    return last;
  }
  const finished = (c: CheckIn) => c.status !== 'PENDING';

  /** Balances, and the invariant behind them: each equals the sum of its ledger account. */
  async function wallet(tenant: string, member: string) {
    const [w] = await paymentsDb.query(
      `SELECT w.available_centavos::int AS available, w.reserved_centavos::int AS reserved,
              (SELECT coalesce(sum(amount_centavos), 0)::int FROM ledger_entry
                WHERE tenant_id = w.tenant_id AND account = 'member:' || w.member_id || ':available') AS "availableLedger",
              (SELECT coalesce(sum(amount_centavos), 0)::int FROM ledger_entry
                WHERE tenant_id = w.tenant_id AND account = 'member:' || w.member_id || ':reserved') AS "reservedLedger"
         FROM wallet w WHERE tenant_id = $1 AND member_id = $2`,
      [tenant, member],
    );
    const found = (w ?? { available: 0, reserved: 0, availableLedger: 0, reservedLedger: 0 }) as Record<
      string,
      number
    >;
    expect(found.available).toBe(found.availableLedger);
    expect(found.reserved).toBe(found.reservedLedger);
    return { available: found.available, reserved: found.reserved };
  }
  const topUps = (tenant: string, member: string) =>
    paymentsDb.query(
      `SELECT payment_id AS "paymentId", status, amount_centavos::int AS amount, provider, provider_ref AS "providerRef"
         FROM payment WHERE tenant_id = $1 AND member_id = $2 ORDER BY created_at`,
      [tenant, member],
    ) as Promise<
      { paymentId: string; status: string; amount: number; provider: string; providerRef: string }[]
    >;

  it('saves a card through the gateway, refusing a token the provider does not know', async () => {
    const bad = await call('ana@aurora.test', 'PUT', '/v1/wallet/payment-method', { token: 'pm_unknown' });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: 'card_refused', field: 'token' });
    const invalid = await call('ana@aurora.test', 'PUT', '/v1/wallet/payment-method', { token: '' });
    expect(invalid.status).toBe(400);
    const saved = await call('ana@aurora.test', 'PUT', '/v1/wallet/payment-method', {
      token: 'pm_card_visa',
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({
      provider: 'stripe',
      methodId: expect.stringMatching(/^pm_/),
      last4: '4242',
    });
  });

  it('tops a short wallet up by the saved card, then checks in: charged once, webhook or not', async () => {
    const ana = subjectOf('ana@aurora.test');
    await fundWallets(paymentsDb, 'club-aurora', [{ id: ana, centavos: 1_000 }]);
    await admin('PUT', 'faults/stripe', { duplicateWebhooks: true });

    const id = await startCheckIn('ana@aurora.test', 'court-1');
    const done = await until('ana@aurora.test', id, finished);
    expect(done).toMatchObject({ status: 'COMPLETED', topUp: { status: 'succeeded' } });

    // The shortfall (2 500 − 1 000) was charged, then the price reserved and committed.
    const [payment] = await topUps('club-aurora', ana);
    expect(payment).toMatchObject({
      status: 'succeeded',
      amount: 1_500,
      provider: 'stripe',
      providerRef: expect.stringMatching(/^pi_/),
    });
    expect(await wallet('club-aurora', ana)).toEqual({ available: 0, reserved: 0 });

    // Both copies of payment_intent.succeeded arrive, are stored once and change nothing.
    await eventually(async () => {
      const [row] = await paymentsDb.query(
        `SELECT count(*)::int AS n, count(processed_at)::int AS processed FROM provider_event WHERE provider_ref = $1`,
        [payment.providerRef],
      );
      return row.n >= 1 && row.processed === row.n;
    }, 'webhook processed');
    expect(await wallet('club-aurora', ana)).toEqual({ available: 0, reserved: 0 });
    const [credits] = await paymentsDb.query(
      `SELECT count(*)::int AS n FROM ledger_entry WHERE tenant_id = 'club-aurora' AND reference = $1 AND amount_centavos > 0`,
      [`payment:${payment.paymentId}`],
    );
    expect(credits.n).toBe(1);
  });

  it('rejects the check-in when the card is declined: nothing charged, nothing reserved', async () => {
    const gabi = subjectOf('gabi@aurora.test');
    expect(
      (
        await call('gabi@aurora.test', 'PUT', '/v1/wallet/payment-method', {
          token: 'pm_card_chargeDeclined',
        })
      ).status,
    ).toBe(200);
    await fundWallets(paymentsDb, 'club-aurora', [{ id: gabi, centavos: 500 }]);

    const done = await until('gabi@aurora.test', await startCheckIn('gabi@aurora.test', 'court-1'), finished);
    expect(done.status).toBe('REJECTED');
    expect(done.reason).toMatch(/top-up failed: card declined/);
    expect(done.topUp).toMatchObject({ status: 'failed' });
    expect(await wallet('club-aurora', gabi)).toEqual({ available: 500, reserved: 0 });
    expect((await topUps('club-aurora', gabi)).map((p) => p.status)).toEqual(['failed']);
    const [reservations] = await paymentsDb.query(
      `SELECT count(*)::int AS n FROM credit_reservation WHERE tenant_id = 'club-aurora' AND member_id = $1`,
      [gabi],
    );
    expect(reservations.n).toBe(0);
  });

  it('rejects clearly when there is no saved card to top up with', async () => {
    const davi = subjectOf('davi@boreal.test');
    const done = await until('davi@boreal.test', await startCheckIn('davi@boreal.test', 'court-9'), finished);
    expect(done).toMatchObject({ status: 'REJECTED', reason: expect.stringMatching(/no saved card/) });
    expect(await wallet('club-boreal', davi)).toEqual({ available: 0, reserved: 0 });
  });

  it('waits for a Pix top-up paid later, then completes the check-in', async () => {
    const davi = subjectOf('davi@boreal.test');
    const id = await startCheckIn('davi@boreal.test', 'court-9', 'pix');
    const waiting = await until('davi@boreal.test', id, (c) => c.topUp?.status === 'pending');
    expect(waiting.status).toBe('PENDING');
    expect(waiting.topUp?.pix?.qrCode).toMatch(/^000201/);

    const [payment] = (await topUps('club-boreal', davi)).filter(
      (p) => p.paymentId === waiting.topUp!.paymentId,
    );
    expect(payment).toMatchObject({ status: 'pending', provider: 'mercadopago', amount: 3_000 });
    expect(
      (
        await fetch(`${sandbox.url}/mercadopago/__admin/payments/${payment.providerRef}/approve`, {
          method: 'POST',
        })
      ).status,
    ).toBeLessThan(300);

    const done = await until('davi@boreal.test', id, finished);
    expect(done).toMatchObject({ status: 'COMPLETED', topUp: { status: 'succeeded' } });
    expect(await wallet('club-boreal', davi)).toEqual({ available: 0, reserved: 0 });
  });

  it("a member's own Pix top-up is credited once when paid, and is another club's 404", async () => {
    const hugo = subjectOf('hugo@boreal.test');
    const key = `top-up-${randomUUID()}`;
    const create = () =>
      call(
        'hugo@boreal.test',
        'POST',
        '/v1/wallet/top-ups',
        { amountCentavos: 5_000, method: 'pix' },
        { 'idempotency-key': key },
      );
    const first = await create();
    expect(first.status).toBe(201);
    const { payment } = (await first.json()) as {
      payment: { paymentId: string; status: string; pix: { qrCode: string } };
    };
    expect(payment).toMatchObject({ status: 'pending', pix: { qrCode: expect.any(String) } });
    // Same key, same top-up; a bad body is a 400 naming the fields.
    expect(((await (await create()).json()) as { payment: { paymentId: string } }).payment.paymentId).toBe(
      payment.paymentId,
    );
    // The same key with another body is refused (fault 3): never the first payment for another amount.
    const reused = await call(
      'hugo@boreal.test',
      'POST',
      '/v1/wallet/top-ups',
      { amountCentavos: 20_000, method: 'pix' },
      { 'idempotency-key': key },
    );
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ error: 'idempotency_key_reused', field: 'Idempotency-Key' });
    expect(await topUps('club-boreal', hugo)).toHaveLength(1);
    const bad = await call('hugo@boreal.test', 'POST', '/v1/wallet/top-ups', {
      amountCentavos: 1.5,
      method: 'cash',
    });
    expect(bad.status).toBe(400);
    expect(
      ((await bad.json()) as { problems: { field: string }[] }).problems.map((p) => p.field).sort(),
    ).toEqual(['Idempotency-Key', 'amountCentavos', 'method']);

    await admin('PUT', 'faults/mercadopago', { duplicateWebhooks: true });
    const [row] = (await topUps('club-boreal', hugo)).filter((p) => p.paymentId === payment.paymentId);
    await fetch(`${sandbox.url}/mercadopago/__admin/payments/${row.providerRef}/approve`, { method: 'POST' });
    await eventually(async () => {
      const res = await call('hugo@boreal.test', 'GET', `/v1/wallet/top-ups/${payment.paymentId}`);
      return ((await res.json()) as { status: string }).status === 'succeeded';
    }, 'top-up paid');
    expect(await wallet('club-boreal', hugo)).toEqual({ available: 5_000, reserved: 0 });

    expect((await call('ana@aurora.test', 'GET', `/v1/wallet/top-ups/${payment.paymentId}`)).status).toBe(
      404,
    );
    expect((await call('davi@boreal.test', 'GET', `/v1/wallet/top-ups/${payment.paymentId}`)).status).toBe(
      404,
    );
  });

  describe('payment webhooks', () => {
    const stripeSign = (body: string, t = Math.floor(Date.now() / 1000), secret = STRIPE_WEBHOOK_SECRET) =>
      `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
    const post = (path: string, body: string, headers: Record<string, string>) =>
      fetch(`${payments.url}/webhooks/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    const event = (id: string) =>
      JSON.stringify({
        id,
        object: 'event',
        type: 'payment_intent.succeeded',
        data: { object: { id: 'pi_unknown', object: 'payment_intent' } },
      });

    it('refuses bad and stale signatures and malformed or oversized bodies with a clear 4xx, storing nothing', async () => {
      const body = event(`evt_${randomUUID()}`);
      const forged = await post('stripe', body, {
        'stripe-signature': stripeSign(body, undefined, 'whsec_other_secret'),
      });
      expect(forged.status).toBe(400);
      expect(await forged.json()).toMatchObject({
        error: 'invalid_signature',
        reason: expect.stringMatching(/signature/i),
      });
      const stale = await post('stripe', body, {
        'stripe-signature': stripeSign(body, Math.floor(Date.now() / 1000) - 600),
      });
      expect(stale.status).toBe(400);
      expect(await stale.json()).toMatchObject({ reason: expect.stringMatching(/tolerance/i) });
      expect((await post('stripe', body, {})).status).toBe(400);
      const malformed = await post('stripe', '{"id": ', { 'stripe-signature': stripeSign('{"id": ') });
      expect(malformed.status).toBe(400);
      const huge = JSON.stringify({ id: 'evt_big', pad: 'x'.repeat(2_000_000) });
      expect((await post('stripe', huge, { 'stripe-signature': stripeSign(huge) })).status).toBe(413);
      const mp = await post(
        'mercadopago?data.id=123&type=payment',
        '{"id":1,"type":"payment","data":{"id":"123"}}',
        {
          'x-signature': 'ts=1,v1=' + '0'.repeat(64),
          'x-request-id': randomUUID(),
        },
      );
      expect(mp.status).toBe(400);
      const [stored] = await paymentsDb.query(
        `SELECT count(*)::int AS n FROM provider_event WHERE provider_ref = 'pi_unknown'`,
      );
      expect(stored.n).toBe(0);
    });

    it('stores a replayed event id once and answers it as a duplicate', async () => {
      const body = event(`evt_${randomUUID()}`);
      const first = await post('stripe', body, { 'stripe-signature': stripeSign(body) });
      expect(await first.json()).toEqual({ received: true, duplicate: false });
      const replay = await post('stripe', body, { 'stripe-signature': stripeSign(body) });
      expect(await replay.json()).toEqual({ received: true, duplicate: true });
    });
  });

  it("tops a R$ 0,20 shortfall up with the provider's minimum: credit R$ 24,80, court R$ 25,00, saved Visa", async () => {
    // Fault 6: the 20-centavo charge was refused four times (Stripe's minimum is R$ 0,50), the command
    // dead-lettered and the check-in was rejected after 15 s.
    const ana = subjectOf('ana@aurora.test');
    expect(
      (await call('ana@aurora.test', 'PUT', '/v1/wallet/payment-method', { token: 'pm_card_visa' })).status,
    ).toBe(200);
    const before = await wallet('club-aurora', ana);
    expect(before).toMatchObject({ reserved: 0, available: expect.any(Number) });
    expect(before.available).toBeLessThanOrEqual(2_480);
    await fundWallets(paymentsDb, 'club-aurora', [{ id: ana, centavos: 2_480 - before.available }]);
    expect(await wallet('club-aurora', ana)).toEqual({ available: 2_480, reserved: 0 });
    const paidBefore = (await topUps('club-aurora', ana)).map((p) => p.paymentId);

    const started = Date.now();
    const done = await until('ana@aurora.test', await startCheckIn('ana@aurora.test', 'court-1'), finished);
    expect(done).toMatchObject({ status: 'COMPLETED', topUp: { status: 'succeeded' } });
    expect(Date.now() - started).toBeLessThan(5_000);

    const charged = (await topUps('club-aurora', ana)).filter((p) => !paidBefore.includes(p.paymentId));
    expect(charged).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        amount: 50,
        provider: 'stripe',
        providerRef: expect.stringMatching(/^pi_/),
      }),
    ]);
    // 2 480 + 50 − 2 500: the rest of the minimum stays as credit; each balance equals its ledger.
    expect(await wallet('club-aurora', ana)).toEqual({ available: 30, reserved: 0 });
  });
});
