import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  adminDatabaseUrl,
  eventually,
  paymentProviderUrls,
  type RunningService,
  sandboxAdmin,
  startService,
  userToken,
} from '@sportclub/testing';
import { fundWallets } from '../support/wallets';
import { importMembers } from '../support/members';

const PRICE = 2_500;
const TERMINAL = ['COMPLETED', 'REJECTED', 'FAILED', 'NEEDS_ATTENTION'];

/**
 * Check-ins under faults: many at once with duplicated commands and replies, card top-ups whose Stripe
 * webhooks arrive twice and out of order, and the orchestrator killed mid-flight. The invariants: every
 * check-in ends, no member is charged (or topped up) twice, every wallet balance equals its ledger and
 * none is negative.
 */
describe('check-in saga under load and faults (booted services, real infrastructure)', () => {
  let sandbox: RunningService;
  let payments: RunningService;
  let gateway: RunningService;
  let paymentsDb: DataSource;
  let gatewayDb: DataSource;
  let staff: string;
  let gatewayEnv: Record<string, string>;

  beforeAll(async () => {
    sandbox = await startService('partner-sandbox');
    payments = await startService('payments', { env: paymentProviderUrls(sandbox.url) });
    const target = await sandboxAdmin(sandbox.url)('PUT', 'webhooks/stripe', {
      url: `${payments.url}/webhooks/stripe`,
      secret: 'whsec_sandbox_stripe',
    });
    expect(target.status).toBe(200);
    gatewayEnv = {
      ACCESS_VENDOR_URL: `${sandbox.url}/access-vendor`,
      CHECK_IN_DEADLINE_MS: '60000',
      RATE_LIMIT_PER_MEMBER: '100000',
      RATE_LIMIT_PER_TENANT: '100000',
      RATE_LIMIT_KEY_PREFIX: `test:${randomUUID()}`,
    };
    gateway = await startService('access-gateway', { env: gatewayEnv });
    paymentsDb = await new DataSource({
      type: 'postgres',
      url: adminDatabaseUrl(payments.database!),
    }).initialize();
    gatewayDb = await new DataSource({
      type: 'postgres',
      url: adminDatabaseUrl(gateway.database!),
    }).initialize();
    staff = await userToken('bruno@aurora.test');
    const res = await post('/v1/courts/court-1', { name: 'Court 1', priceCentavos: PRICE }, 'PUT');
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await Promise.allSettled([paymentsDb?.destroy(), gatewayDb?.destroy()]);
    await Promise.allSettled([gateway?.stop(), payments?.stop(), sandbox?.stop()]);
  });

  function post(path: string, body: unknown, method = 'POST', headers: Record<string, string> = {}) {
    return fetch(`${gateway.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  const fund = (members: { id: string; centavos: number }[]) =>
    fundWallets(paymentsDb, 'club-aurora', members);

  /** Saves a Stripe test card for each member (a customer and an attached method at the sandbox). */
  async function saveCards(cards: { id: string; card: string }[]) {
    const stripe = (path: string, form: Record<string, string>) =>
      fetch(`${sandbox.url}/v1/${path}`, {
        method: 'POST',
        headers: {
          authorization: 'Bearer sk_test_sandbox',
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(form),
      }).then((r) => r.json() as Promise<{ id: string }>);
    for (const { id, card } of cards) {
      const customer = await stripe('customers', { 'metadata[memberId]': id });
      const method = await stripe(`payment_methods/${card}/attach`, { customer: customer.id });
      await paymentsDb.query(
        `INSERT INTO payment_method (tenant_id, member_id, provider, method_id, customer_ref) VALUES ('club-aurora', $1, 'stripe', $2, $3)`,
        [id, method.id, customer.id],
      );
    }
  }

  async function startCheckIns(members: string[]): Promise<string[]> {
    await importMembers(gateway.url, staff, members);
    return Promise.all(
      members.map(async (memberId) => {
        const key = `load-${memberId}`;
        const send = () =>
          post('/v1/check-ins', { courtId: 'court-1', memberId }, 'POST', { 'idempotency-key': key });
        // The app sends the request twice at once: the duplicate is answered as the same check-in, or
        // 409 while the first is still in flight; a later retry answers the same check-in.
        const [a, b] = await Promise.all([send(), send()]);
        expect([a.status, b.status].sort()).toEqual(
          b.status === 409 || a.status === 409 ? [202, 409] : [202, 202],
        );
        const again = await send();
        const [ja, jb] = [
          (await (a.status === 202 ? a : b).json()) as { checkInId: string },
          (await again.json()) as { checkInId: string },
        ];
        expect(again.status).toBe(202);
        expect(ja.checkInId).toBe(jb.checkInId);
        return ja.checkInId;
      }),
    );
  }

  /** Sends some already-sent outbox rows again, on both sides: commands and replies arrive twice. */
  const duplicateDeliveries = async (): Promise<number> => {
    let resent = 0;
    for (const db of [gatewayDb, paymentsDb]) {
      const [, count] = (await db.query(
        `UPDATE outbox SET sent_at = NULL WHERE kind = 'rabbitmq' AND sent_at IS NOT NULL AND random() < 0.3`,
      )) as [unknown, number];
      resent += count;
    }
    return resent;
  };

  async function expectInvariants(members: { id: string; centavos: number }[], checkIns: string[]) {
    await eventually(
      async () => {
        const [row] = await gatewayDb.query(
          `SELECT count(*)::int AS open FROM saga_instance WHERE id = ANY($1) AND state NOT IN ('COMPLETED','REJECTED','FAILED','NEEDS_ATTENTION')`,
          [checkIns],
        );
        return row.open === 0;
      },
      'every check-in reached a terminal state',
      120_000,
    );
    const sagas = await gatewayDb.query<{ member: string; state: string }[]>(
      `SELECT data->>'memberId' AS member, state FROM saga_instance WHERE id = ANY($1)`,
      [checkIns],
    );
    expect(sagas).toHaveLength(checkIns.length);
    for (const s of sagas) expect(TERMINAL).toContain(s.state);
    expect(sagas.filter((s) => s.state === 'NEEDS_ATTENTION')).toEqual([]);

    await eventually(async () => {
      const [r] = await paymentsDb.query(
        `SELECT coalesce(sum(reserved_centavos), 0)::int AS held FROM wallet`,
      );
      return r.held === 0;
    }, 'no credit left reserved');
    const wallets = new Map(
      (
        await paymentsDb.query<{ member: string; available: number; reserved: number }[]>(
          `SELECT member_id AS member, available_centavos::int AS available, reserved_centavos::int AS reserved FROM wallet WHERE tenant_id = 'club-aurora'`,
        )
      ).map((w) => [w.member, w]),
    );
    const ledger = new Map(
      (
        await paymentsDb.query<{ account: string; total: number }[]>(
          `SELECT account, sum(amount_centavos)::int AS total FROM ledger_entry GROUP BY account`,
        )
      ).map((r) => [r.account, r.total]),
    );
    const committed = await paymentsDb.query<{ member: string; n: number }[]>(
      `SELECT member_id AS member, count(*)::int AS n FROM credit_reservation
        WHERE state = 'COMMITTED' AND member_id = ANY($1) GROUP BY member_id`,
      [members.map((m) => m.id)],
    );
    const toppedUp = new Map(
      (
        await paymentsDb.query<{ member: string; total: number; n: number }[]>(
          `SELECT member_id AS member, sum(amount_centavos)::int AS total, count(*)::int AS n FROM payment
            WHERE status = 'succeeded' GROUP BY member_id`,
        )
      ).map((r) => [r.member, r]),
    );
    const completed = new Map<string, number>();
    for (const s of sagas.filter((x) => x.state === 'COMPLETED'))
      completed.set(s.member, (completed.get(s.member) ?? 0) + 1);
    for (const m of members) {
      const w = wallets.get(m.id) ?? { available: 0, reserved: 0 };
      const charged = (completed.get(m.id) ?? 0) * PRICE;
      const topUp = toppedUp.get(m.id) ?? { total: 0, n: 0 };
      expect(topUp.n).toBeLessThanOrEqual(1); // one top-up at most per check-in, whatever was redelivered
      expect({ member: m.id, available: w.available }).toEqual({
        member: m.id,
        available: m.centavos + topUp.total - charged,
      });
      expect(w.available).toBeGreaterThanOrEqual(0);
      expect(ledger.get(`member:${m.id}:available`) ?? 0).toBe(w.available);
      expect(ledger.get(`member:${m.id}:reserved`) ?? 0).toBe(0);
    }
    // Charged exactly once per completed check-in, never for a rejected or failed one.
    expect(committed.reduce((s, c) => s + c.n, 0)).toBe([...completed.values()].reduce((a, b) => a + b, 0));
    expect([...ledger.values()].reduce((a, b) => a + b, 0)).toBe(0);
    return sagas;
  }

  it('200 concurrent check-ins with limited credit, card top-ups, duplicated commands, replies and webhooks: no double charge, balances equal ledgers', async () => {
    const members = Array.from({ length: 200 }, (_, i) => ({
      id: `load-${randomUUID().slice(0, 8)}`,
      centavos: [0, 1_000, 2_500, 4_000, 7_500][i % 5],
      // Some short members have a good card, some a declined one, the rest none.
      card: ({ 0: 'pm_card_visa', 1: 'pm_card_visa', 5: 'pm_card_chargeDeclined' } as Record<number, string>)[
        i % 10
      ],
    }));
    await fund(members);
    await saveCards(members.flatMap((m) => (m.card ? [{ id: m.id, card: m.card }] : [])));
    await sandboxAdmin(sandbox.url)('PUT', 'faults/stripe', {
      duplicateWebhooks: true,
      reorderWebhooks: true,
    });
    const checkIns = await startCheckIns(members.map((m) => m.id));
    let resent = 0;
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 400));
      resent += await duplicateDeliveries();
    }
    expect(resent).toBeGreaterThan(100); // commands and replies really were delivered again
    const sagas = await expectInvariants(members, checkIns);
    const completed = sagas.filter((s) => s.state === 'COMPLETED').length;
    const topUps = members.filter((m) => m.centavos < PRICE && m.card === 'pm_card_visa').length;
    expect(topUps).toBe(40);
    // 120 can pay, 40 more after a card top-up; 40 cannot (20 declined, 20 without a card).
    expect(completed).toBe(members.filter((m) => m.centavos >= PRICE).length + topUps);
    let events = { n: 0, done: 0, errors: [] as string[] };
    await eventually(
      async () => {
        [events] = await paymentsDb.query(
          `SELECT count(*)::int AS n, count(processed_at)::int AS done,
                coalesce(array_agg(DISTINCT last_error) FILTER (WHERE last_error IS NOT NULL), '{}') AS errors
           FROM provider_event WHERE provider = 'stripe'`,
        );
        return events.n >= topUps + 20 && events.done === events.n;
      },
      'every Stripe webhook stored once and processed',
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(events)}`);
    });
    await expectInvariants(members, checkIns);
    expect(sagas.filter((s) => s.state === 'REJECTED')).toHaveLength(members.length - completed);
  });

  it('the orchestrator killed three times mid-flight, top-ups included: restarted, every check-in still ends and nothing is charged twice', async () => {
    const members = Array.from({ length: 60 }, (_, i) => ({
      id: `crash-${randomUUID().slice(0, 8)}`,
      centavos: i % 3 === 0 ? 0 : 5_000,
    }));
    await fund(members);
    // Half of the members without credit are topped up by card, so kills also land in the top-up step.
    await saveCards(members.filter((_, i) => i % 6 === 0).map((m) => ({ id: m.id, card: 'pm_card_visa' })));
    const checkIns = await startCheckIns(members.map((m) => m.id));
    const database = gateway.database!;
    const inFlight: number[] = [];
    for (let kill = 0; kill < 3; kill++) {
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 300));
      const [{ n }] = await gatewayDb.query(
        `SELECT count(*)::int AS n FROM saga_instance WHERE state IN ('RUNNING', 'COMPENSATING')`,
      );
      inFlight.push(n);
      gateway.process.kill('SIGKILL');
      await new Promise((r) => gateway.process.once('exit', r));
      gateway = await startService('access-gateway', { env: gatewayEnv, database });
    }
    expect(inFlight[0]).toBeGreaterThan(0); // the first kill really cut sagas in the middle
    await expectInvariants(members, checkIns);
  });

  it('the gateway killed during the vendor call that opens the court: restarted, the step runs again and the court opens once', async () => {
    const member = { id: `vendor-kill-${randomUUID().slice(0, 8)}`, centavos: 5_000 };
    await fund([member]);
    const sessionsOf = async () => {
      const res = await fetch(`${sandbox.url}/access-vendor/api/v1/access/sessions/active`, {
        headers: { authorization: 'Bearer sandbox-access-key' },
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { session_id: string; user_id: string }[]).filter(
        (s) => s.user_id === member.id,
      );
    };
    const admin = sandboxAdmin(sandbox.url);
    // The vendor announces each court it opens by webhook: the sign that it has done the work.
    const announced = async () =>
      (
        (await (await admin('GET', 'webhooks/access-vendor/deliveries')).json()) as {
          eventId: string;
          type: string;
        }[]
      )
        .filter((d) => d.type === 'access.checkin')
        .map((d) => d.eventId);
    expect(
      (
        await admin('PUT', 'webhooks/access-vendor', {
          url: `${gateway.url}/webhooks/access-vendor`,
          secret: 'sandbox-access-webhook-secret',
        })
      ).status,
    ).toBe(200);
    const before = await announced();
    // The vendor opens the court and never answers (its whole API is held meanwhile): the gateway is
    // inside the call when it dies.
    expect((await admin('PUT', 'faults/access-vendor', { timeout: true })).status).toBe(200);
    let checkIns: string[];
    try {
      checkIns = await startCheckIns([member.id]);
      await eventually(
        async () => (await announced()).some((id) => !before.includes(id)),
        'the vendor opened the court',
      );
      gateway.process.kill('SIGKILL');
      await new Promise((r) => gateway.process.once('exit', r));
    } finally {
      expect((await admin('DELETE', 'faults')).status).toBe(204);
    }
    expect(await sessionsOf()).toHaveLength(1); // the vendor had opened the court when the gateway died
    gateway = await startService('access-gateway', { env: gatewayEnv, database: gateway.database! });
    await expectInvariants([member], checkIns);
    const opened = await sessionsOf();
    expect(opened).toHaveLength(1); // the re-run got the same session back: the court opened once
    const [saga] = await gatewayDb.query<{ state: string; session: string }[]>(
      `SELECT state, data->>'sessionId' AS session FROM saga_instance WHERE id = $1`,
      checkIns,
    );
    expect(saga).toEqual({ state: 'COMPLETED', session: opened[0].session_id });
  });
});
