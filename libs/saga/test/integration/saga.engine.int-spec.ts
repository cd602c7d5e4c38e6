import { randomUUID } from 'node:crypto';
import { metricsRegistry } from '@sportclub/observability';
import { eventually } from '@sportclub/testing';
import { SagaDeadlineScheduler, SagaIdConflictError, SagaLockedError } from '../../src';
import { SagaTestKit } from '../../src/testing';
import {
  ReleaseStockResult,
  ReserveStockResult,
  RestockResult,
  ShipResult,
  TakeStockResult,
  orderData,
  orderRegistry,
  orderSaga,
  type OrderData,
} from '../support/order.saga';

const saga = orderSaga({ stepMs: 600_000, compensationMs: 600_000, compensationAttempts: 3 });
const TENANT = 'club-a';
const REPLY_QUEUE = 'shop.commands';

describe('saga engine on a real PostgreSQL database', () => {
  let kit: SagaTestKit<OrderData>;

  beforeAll(async () => {
    kit = await SagaTestKit.start({
      definition: saga,
      source: 'shop',
      replyTo: REPLY_QUEUE,
      registry: orderRegistry,
      tenantId: TENANT,
      databasePrefix: 'saga_engine',
    });
  });
  afterAll(() => kit.close());

  async function startOrder(customerId = `customer-${randomUUID()}`, extra: Partial<OrderData> = {}) {
    const id = randomUUID();
    return kit.start(orderData({ orderId: id, customerId, ...extra }), { sagaId: id });
  }

  const reserved = async (sagaId: string) =>
    expect(
      (await kit.reply(sagaId, ReserveStockResult, { orderId: sagaId, outcome: 'reserved' })).outcome,
    ).toBe('applied');

  async function shippingFailed(sagaId: string) {
    expect((await kit.awaited(sagaId))?.type).toBe('carrier.ship.v1');
    await kit.reply(sagaId, ShipResult, { orderId: sagaId, outcome: 'failed', reason: 'truck broke down' });
  }

  it('runs an order through a restock loop to completion, one command at a time, all in the outbox', async () => {
    const started = await startOrder();
    const { id } = started;

    await kit.reply(id, ReserveStockResult, { orderId: id, outcome: 'out-of-stock', missing: 1 });
    await kit.reply(id, RestockResult, { restockId: 'r', outcome: 'pending' });
    await kit.reply(id, RestockResult, { restockId: 'r', outcome: 'delivered' });
    await kit.reply(id, ReserveStockResult, { orderId: id, outcome: 'reserved' });
    await kit.reply(id, ShipResult, { orderId: id, outcome: 'shipped', trackingId: 'track-1' });
    const done = await kit.reply(id, TakeStockResult, { orderId: id, outcome: 'taken' });

    expect(done).toMatchObject({ outcome: 'applied', saga: { state: 'COMPLETED', version: 7 } });
    expect((await kit.commands(id)).map((c) => c.type)).toEqual([
      'shop.reserve-stock.v1',
      'supplier.restock.v1',
      'shop.reserve-stock.v1',
      'carrier.ship.v1',
      'shop.take-stock.v1',
    ]);
    expect((await kit.commands(id))[1].data).toMatchObject({
      quantity: 1,
      idempotencyKey: `${id}:restock:1`,
    });
    const rows = (await kit.outbox()).filter((r) => r.envelope.correlationid === id);
    expect(rows.filter((r) => r.kind === 'rabbitmq').every((r) => r.replyTo === REPLY_QUEUE)).toBe(true);
    expect((await kit.events(id)).map((e) => [e.type, e.data])).toEqual([
      ['shop.order.completed.v1', { orderId: id, trackingId: 'track-1', quantity: 2 }],
    ]);
  });

  it('starts idempotently on the same saga id, and refuses that id for another tenant', async () => {
    const id = randomUUID();
    const data = orderData({ orderId: id, customerId: `customer-${id}` });
    const first = await kit.start(data, { sagaId: id });
    const again = await kit.start(data, { sagaId: id });
    expect(again).toMatchObject({ id: first.id, version: 1, state: 'RUNNING' });
    expect(await kit.commands(id)).toHaveLength(1);
    await expect(kit.start(data, { tenantId: 'club-b', sagaId: id })).rejects.toBeInstanceOf(
      SagaIdConflictError,
    );
  });

  it('lets exactly one of two concurrent starts for the same customer run, naming it to the other', async () => {
    const replicas = [await kit.replica(), await kit.replica()];
    for (let round = 0; round < 5; round++) {
      const customerId = `customer-${randomUUID()}`;
      const results = await Promise.allSettled(
        replicas.map((r) => {
          const id = randomUUID();
          return r.start(saga, orderData({ orderId: id, customerId }), { tenantId: TENANT, sagaId: id });
        }),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const winner = (won[0] as PromiseFulfilledResult<{ id: string }>).value;
      expect(lost[0].reason).toBeInstanceOf(SagaLockedError);
      expect((lost[0].reason as SagaLockedError).activeSagaId).toBe(winner.id);
      const active = await kit.dataSource.query(
        `SELECT id FROM saga_instance WHERE lock_key = $1 AND state IN ('RUNNING', 'COMPENSATING')`,
        [customerId],
      );
      expect(active).toEqual([{ id: winner.id }]);
    }

    // Once the holder has ended, the customer may order again.
    const customerId = `customer-${randomUUID()}`;
    const first = await startOrder(customerId, { backorder: false });
    await expect(startOrder(customerId)).rejects.toBeInstanceOf(SagaLockedError);
    await kit.reply(first.id, ReserveStockResult, { orderId: first.id, outcome: 'out-of-stock', missing: 2 });
    expect((await kit.state(first.id)).state).toBe('REJECTED');
    expect((await startOrder(customerId)).state).toBe('RUNNING');
  });

  it('applies a reply raced by two engine instances exactly once', async () => {
    const replicas = [await kit.replica(), await kit.replica()];
    const sagas = await Promise.all(Array.from({ length: 8 }, () => startOrder()));
    await Promise.all(
      sagas.map(async (s) => {
        const reply = kit.replyTo((await kit.awaited(s.id))!, ReserveStockResult, {
          orderId: s.id,
          outcome: 'reserved',
        });
        // The same delivery twice, and a re-sent copy with a new message id.
        const copy = { ...reply, id: randomUUID() };
        const results = await Promise.all([
          kit.deliver(reply, replicas[0]),
          kit.deliver(reply, replicas[1]),
          kit.deliver(copy, replicas[1]),
        ]);
        expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(1);
      }),
    );
    for (const s of sagas) {
      expect(await kit.state(s.id)).toMatchObject({ state: 'RUNNING', step: 'ship', version: 2 });
      expect(await kit.commands(s.id, 'carrier.ship.v1')).toHaveLength(1);
    }
  });

  it("joins the caller's transaction: when it rolls back, so does the transition", async () => {
    const s = await startOrder();
    const reply = kit.replyTo((await kit.awaited(s.id))!, ReserveStockResult, {
      orderId: s.id,
      outcome: 'reserved',
    });
    await expect(
      kit.dataSource.transaction(async (m) => {
        expect((await kit.engine.handleReply(reply, m)).outcome).toBe('applied');
        throw new Error('inbox handler crashed after the saga step');
      }),
    ).rejects.toThrow('crashed');
    expect(await kit.state(s.id)).toMatchObject({ step: 'reserve-stock', version: 1 });
    expect(await kit.commands(s.id)).toHaveLength(1);
    expect((await kit.deliver(reply)).outcome).toBe('applied'); // the redelivery goes through
  });

  it('runs onTransition in each transition with what it emitted; when it throws, the transition does not happen', async () => {
    const seen: { state: string; events: string[] }[] = [];
    let failing = false;
    const hooked = await SagaTestKit.start({
      definition: saga,
      source: 'shop',
      registry: orderRegistry,
      databasePrefix: 'saga_hook',
      onTransition: async (m, view, events) => {
        // Inside the transition's transaction: the saga row already holds the new version.
        const [row] = await m.query('SELECT version FROM saga_instance WHERE id = $1', [view.id]);
        expect(row.version).toBe(view.version);
        if (failing) throw new Error('the order could not be recorded');
        seen.push({ state: view.state, events: events.map((e) => e.type) });
      },
    });
    try {
      const id = randomUUID();
      await hooked.start(orderData({ orderId: id, customerId: `customer-${id}` }), { sagaId: id });
      await hooked.reply(id, ReserveStockResult, { orderId: id, outcome: 'reserved' });
      await hooked.reply(id, ShipResult, { orderId: id, outcome: 'shipped', trackingId: 'track-h' });

      failing = true;
      const take = hooked.replyTo((await hooked.awaited(id))!, TakeStockResult, {
        orderId: id,
        outcome: 'taken',
      });
      await expect(hooked.deliver(take)).rejects.toThrow('the order could not be recorded');
      expect(await hooked.state(id)).toMatchObject({ state: 'RUNNING', step: 'take-stock' });
      expect(await hooked.events(id)).toEqual([]);

      failing = false;
      expect(await hooked.deliver(take)).toMatchObject({ outcome: 'applied', saga: { state: 'COMPLETED' } });
      expect(seen).toEqual([
        { state: 'RUNNING', events: [] },
        { state: 'RUNNING', events: [] },
        { state: 'RUNNING', events: [] },
        { state: 'COMPLETED', events: ['shop.order.completed.v1'] },
      ]);
    } finally {
      await hooked.close();
    }
  });

  it('times each expired saga out exactly once with two schedulers polling together', async () => {
    const sagas = await Promise.all(Array.from({ length: 12 }, () => startOrder()));
    const ids = sagas.map((s) => s.id);
    const engines = [await kit.replica(), await kit.replica()];
    const schedulers = engines.map((e) => new SagaDeadlineScheduler(e, { intervalMs: 20, batchSize: 3 }));
    await kit.makeDue(...ids);
    schedulers.forEach((s) => s.start());
    try {
      await eventually(async () => {
        const [{ n }] = await kit.dataSource.query(
          `SELECT count(*)::int AS n FROM saga_instance WHERE id = ANY($1::uuid[]) AND state = 'RUNNING'`,
          [ids],
        );
        return n === 0;
      }, 'every expired saga timed out');
    } finally {
      await Promise.all(schedulers.map((s) => s.stop()));
    }
    for (const id of ids) {
      // Reserve timed out → its compensation (release) sent once; a second timeout would show attempt 2.
      expect(await kit.state(id)).toMatchObject({
        state: 'COMPENSATING',
        step: 'reserve-stock',
        compensationAttempts: 1,
        version: 2,
        reason: 'reserve-stock timed out',
      });
      expect(await kit.commands(id, 'shop.release-stock.v1')).toHaveLength(1);
    }
  });

  it('fires a deadline only once the saga clock passes it', async () => {
    const s = await startOrder(undefined, { backorder: true });
    await kit.reply(s.id, ReserveStockResult, { orderId: s.id, outcome: 'out-of-stock', missing: 2 });
    expect(await kit.advance(599_000)).not.toContain(s.id); // the restock waits 600 s
    expect(await kit.state(s.id)).toMatchObject({ state: 'RUNNING', step: 'restock' });
    expect(await kit.advance(2_000)).toContain(s.id);
    expect(await kit.state(s.id)).toMatchObject({ state: 'REJECTED', reason: 'restock timed out' });
    expect((await kit.events(s.id)).map((e) => e.type)).toEqual(['shop.order.rejected.v1']);
  });

  it('retries a compensation that fails, then parks the saga as NEEDS_ATTENTION with an event', async () => {
    const parked = async () =>
      (await metricsRegistry.getSingleMetricAsString('saga_outcomes_total'))
        .split('\n')
        .find((l) => l.startsWith('saga_outcomes_total{type="order",state="NEEDS_ATTENTION"}'));
    const before = Number((await parked())?.split(' ')[1] ?? 0);

    const s = await startOrder();
    await reserved(s.id);
    await shippingFailed(s.id);
    const notReleased = { orderId: s.id, outcome: 'already-taken' as const };

    const first = (await kit.awaited(s.id))!;
    expect(first.type).toBe('shop.release-stock.v1');
    await kit.deliver(kit.replyTo(first, ReleaseStockResult, notReleased));
    expect(await kit.state(s.id)).toMatchObject({ state: 'COMPENSATING', compensationAttempts: 2 });

    expect(await kit.expire(s.id)).toContain(s.id); // the second attempt gets no answer in time
    expect(await kit.state(s.id)).toMatchObject({ state: 'COMPENSATING', compensationAttempts: 3 });

    // A late answer to the first attempt changes nothing.
    const late = await kit.deliver(
      kit.replyTo(first, ReleaseStockResult, { orderId: s.id, outcome: 'released' }),
    );
    expect(late).toMatchObject({ outcome: 'ignored', sagaId: s.id });

    await kit.reply(s.id, ReleaseStockResult, notReleased);
    const end = await kit.state(s.id);
    expect(end).toMatchObject({ state: 'NEEDS_ATTENTION', step: null, deadlineAt: null });
    expect(end.reason).toContain('not confirmed');

    const releases = await kit.commands(s.id, 'shop.release-stock.v1');
    expect(releases).toHaveLength(3);
    expect(new Set(releases.map((r) => r.id)).size).toBe(3);
    expect(releases.every((r) => JSON.stringify(r.data) === JSON.stringify(releases[0].data))).toBe(true);
    expect(await kit.events(s.id)).toEqual([
      expect.objectContaining({
        type: 'shop.order.needs-attention.v1',
        data: expect.objectContaining({ orderId: s.id, step: 'reserve-stock' }),
      }),
    ]);
    expect(Number((await parked())?.split(' ')[1])).toBe(before + 1);
  });

  it("finds and lists a tenant's sagas, and never another tenant's", async () => {
    const tenant = `club-${randomUUID()}`;
    const mine = [];
    for (let i = 0; i < 3; i++) {
      const id = randomUUID();
      mine.push(
        await kit.start(orderData({ orderId: id, customerId: `c-${id}` }), { tenantId: tenant, sagaId: id }),
      );
    }
    const other = await startOrder();
    const engine = kit.engine;

    expect(await engine.find(other.id, tenant)).toBeNull();
    expect(await engine.find('not-a-uuid', tenant)).toBeNull();
    expect(await engine.find(mine[0].id, tenant)).toMatchObject({
      id: mine[0].id,
      tenantId: tenant,
      type: 'order',
      state: 'RUNNING',
      step: 'reserve-stock',
      version: 1,
      data: expect.objectContaining({ orderId: mine[0].id }),
    });

    const page1 = await engine.list({ tenantId: tenant, limit: 2 });
    const page2 = await engine.list({ tenantId: tenant, limit: 2, after: page1.next! });
    const listed = [...page1.items, ...page2.items].map((s) => s.id);
    expect(listed.sort()).toEqual(mine.map((s) => s.id).sort());
    expect(page2.next).toBeNull();
    expect((await engine.list({ tenantId: tenant, state: 'COMPLETED' })).items).toEqual([]);
    expect((await engine.list({ tenantId: `club-${randomUUID()}` })).items).toEqual([]);
  });
});
