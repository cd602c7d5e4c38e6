import { randomUUID } from 'node:crypto';
import { buildEnvelope, type Envelope, type MessageDefinition } from '@sportclub/contracts';
import {
  ReleaseStockResult,
  ReserveStockResult,
  RestockResult,
  ShipResult,
  TakeStockResult,
  orderData,
  orderSaga,
  type OrderData,
} from '../test/support/order.saga';
import { defineSaga, type SagaDefinition } from './saga-definition.builder';
import { fail, goTo, next } from './saga.outcome';
import {
  decide,
  startTransition,
  type SagaSnapshot,
  type Transition,
  type Trigger,
} from './saga.transitions';

const saga = orderSaga({ stepMs: 5_000, restockMs: 60_000, compensationMs: 30_000, compensationAttempts: 2 });

function start(data: Partial<OrderData> = {}) {
  const id = randomUUID();
  const initial = orderData({ orderId: id, customerId: 'customer-1', ...data });
  const t = startTransition(saga, { id, tenantId: 'club-a', correlationId: id, data: initial });
  return { t, snap: after({ id, tenantId: 'club-a', correlationId: id } as SagaSnapshot<OrderData>, t) };
}

function after<D>(snap: SagaSnapshot<D>, t: Transition<D>): SagaSnapshot<D> {
  return { ...snap, ...t };
}

function step<D>(def: SagaDefinition<D>, snap: SagaSnapshot<D>, trigger: Trigger) {
  const decision = decide(def, snap, trigger);
  if (decision.kind !== 'transition') throw new Error(`expected a transition, got: ${decision.reason}`);
  return { t: decision.transition, snap: after(snap, decision.transition) };
}

const reply = <T>(def: MessageDefinition<T>, data: T): Trigger => ({
  kind: 'reply',
  reply: def.envelope({ source: 'shop', subject: 's', tenantId: 'club-a', data }) as Envelope,
});

const reserved = reply(ReserveStockResult, { orderId: 'o', outcome: 'reserved' });
const outOfStock = reply(ReserveStockResult, { orderId: 'o', outcome: 'out-of-stock', missing: 1 });
const shipped = reply(ShipResult, { orderId: 'o', outcome: 'shipped', trackingId: 'track-9' });
const lost = reply(ShipResult, { orderId: 'o', outcome: 'failed', reason: 'truck broke down' });
const taken = reply(TakeStockResult, { orderId: 'o', outcome: 'taken' });
const released = reply(ReleaseStockResult, { orderId: 'o', outcome: 'released' });
const alreadyTaken = reply(ReleaseStockResult, { orderId: 'o', outcome: 'already-taken' });
const restock = (outcome: 'delivered' | 'pending' | 'failed') =>
  reply(RestockResult, { restockId: 'r', outcome });
const deadline: Trigger = { kind: 'deadline' };

describe('saga transitions (a test order saga: reserve stock, restock, ship, take stock)', () => {
  it('starts by reserving the stock with the step deadline', () => {
    const { t } = start({ quantity: 3 });
    expect(t.state).toBe('RUNNING');
    expect(t.step).toBe('reserve-stock');
    expect(t.awaiting).toMatchObject({
      type: 'shop.reserve-stock.v1',
      role: 'step',
      data: { sku: 'racket-pro', quantity: 3 },
    });
    expect(t.deadline).toBe(5_000);
  });

  it('reserves, ships, takes the stock, and completes with one completed event', () => {
    let { snap } = start();
    ({ snap } = step(saga, snap, reserved));
    expect(snap.step).toBe('ship'); // restock skipped: nothing missing
    ({ snap } = step(saga, snap, shipped));
    expect(snap.step).toBe('take-stock');
    const { t } = step(saga, snap, taken);
    expect(t).toMatchObject({ state: 'COMPLETED', step: null, awaiting: null, deadline: null });
    expect(t.events).toEqual([
      expect.objectContaining({
        type: 'shop.order.completed.v1',
        data: expect.objectContaining({ trackingId: 'track-9', quantity: 2 }),
      }),
    ]);
  });

  it('skips the stock steps for an order without stock', () => {
    const { t, snap } = start({ quantity: 0 });
    expect(t.step).toBe('ship');
    const done = step(saga, snap, shipped).t;
    expect(done.state).toBe('COMPLETED');
    expect(done.events[0].data).toMatchObject({ quantity: 0 });
  });

  it('restocks once when stock is short, then reserves again', () => {
    let { snap } = start();
    let t: Transition<OrderData>;
    ({ t, snap } = step(saga, snap, outOfStock));
    expect(t.step).toBe('restock');
    expect(t.completedSteps).toEqual([]); // the refused reservation is nothing to give back
    expect(t.awaiting).toMatchObject({
      type: 'supplier.restock.v1',
      data: { quantity: 1, idempotencyKey: `${snap.id}:restock:1` },
    });
    expect(t.deadline).toBe(60_000);

    ({ t, snap } = step(saga, snap, restock('pending')));
    expect(t).toMatchObject({ state: 'RUNNING', step: 'restock', awaiting: 'keep', deadline: 'keep' });

    ({ t, snap } = step(saga, snap, restock('delivered')));
    expect(t.step).toBe('reserve-stock');
    expect(t.data).toMatchObject({ restocks: 1, missing: 0 });

    ({ t, snap } = step(saga, snap, outOfStock));
    expect(t.state).toBe('REJECTED'); // only one restock per order
    expect(t.events.map((e) => e.type)).toEqual(['shop.order.rejected.v1']);
  });

  it('rejects at once when an order that allows no backorder is short', () => {
    const { snap } = start({ backorder: false });
    const { t } = step(saga, snap, outOfStock);
    expect(t).toMatchObject({ state: 'REJECTED', reason: 'out of stock', awaiting: null });
  });

  it('rejects without compensation when the restock times out or fails', () => {
    let { snap } = start();
    ({ snap } = step(saga, snap, outOfStock));
    expect(step(saga, snap, deadline).t).toMatchObject({ state: 'REJECTED', reason: 'restock timed out' });
    expect(step(saga, snap, restock('failed')).t.state).toBe('REJECTED');
  });

  it('releases the reservation when shipping fails, then fails', () => {
    let { snap } = start();
    ({ snap } = step(saga, snap, reserved));
    let t: Transition<OrderData>;
    ({ t, snap } = step(saga, snap, lost));
    expect(t).toMatchObject({ state: 'COMPENSATING', step: 'reserve-stock', compensationAttempts: 1 });
    expect(t.awaiting).toMatchObject({ type: 'shop.release-stock.v1', role: 'compensation', attempt: 1 });
    expect(t.deadline).toBe(30_000);
    ({ t } = step(saga, snap, released));
    expect(t).toMatchObject({ state: 'FAILED', reason: 'shipping failed: truck broke down', awaiting: null });
    expect(t.events.map((e) => e.type)).toEqual(['shop.order.failed.v1']);
  });

  it('compensates a step whose deadline expired, since its command may have taken effect', () => {
    const { snap } = start();
    const { t } = step(saga, snap, deadline);
    expect(t).toMatchObject({
      state: 'COMPENSATING',
      step: 'reserve-stock',
      reason: 'reserve-stock timed out',
    });
  });

  it('retries an unconfirmed compensation with the same data, then parks it as NEEDS_ATTENTION', () => {
    let { snap } = start();
    ({ snap } = step(saga, snap, reserved));
    let t: Transition<OrderData>;
    ({ t, snap } = step(saga, snap, deadline)); // ship timed out
    const first = t.awaiting;
    ({ t, snap } = step(saga, snap, alreadyTaken));
    expect(t).toMatchObject({ state: 'COMPENSATING', compensationAttempts: 2 });
    expect(t.awaiting).toMatchObject({ attempt: 2 });
    expect((t.awaiting as { data: unknown }).data).toEqual((first as { data: unknown }).data);
    ({ t } = step(saga, snap, deadline));
    expect(t).toMatchObject({ state: 'NEEDS_ATTENTION', awaiting: null, deadline: null });
    expect(t.events).toEqual([
      expect.objectContaining({
        type: 'shop.order.needs-attention.v1',
        data: expect.objectContaining({ step: 'reserve-stock' }),
      }),
    ]);
  });

  it('ignores replies the current step does not expect, and anything once terminal', () => {
    const { snap } = start();
    expect(decide(saga, snap, taken)).toMatchObject({ kind: 'ignore' });
    expect(decide(saga, { ...snap, state: 'COMPLETED' }, reserved)).toMatchObject({ kind: 'ignore' });
  });
});

describe('generic transition rules', () => {
  type D = { fail: boolean };
  const ok = (type: string) => ({ subject: 's', data: { type } });
  const three = defineSaga<D>('three')
    .step('a', (s) =>
      s
        .send('x.a.v1', () => ok('a'))
        .onReply('x.ok.v1', () => next())
        .compensate('x.undo-a.v1', () => ok('undo-a')),
    )
    .step('b', (s) => s.send('x.b.v1', () => ok('b')).onReply('x.ok.v1', () => next()))
    .step('c', (s) =>
      s
        .send('x.c.v1', () => ok('c'))
        .onReply('x.ok.v1', (d) => (d.fail ? fail('c broke') : next()))
        .onReply('x.loop.v1', () => goTo('nowhere'))
        .compensate('x.undo-c.v1', () => ok('undo-c')),
    )
    .build();
  const okReply: Trigger = {
    kind: 'reply',
    reply: buildEnvelope('x.ok.v1', { source: 's', subject: 's', tenantId: 't', data: {} }),
  };

  function at(name: string, completed: string[]): SagaSnapshot<D> {
    return {
      id: randomUUID(),
      tenantId: 't',
      correlationId: 'c',
      state: 'RUNNING',
      step: name,
      data: { fail: true },
      completedSteps: completed,
      compensationQueue: [],
      compensationAttempts: 0,
      reason: null,
    };
  }

  it('compensates completed steps in reverse order, skipping those without compensation', () => {
    let { t, snap } = step(three, at('c', ['a', 'b']), deadline);
    expect(t).toMatchObject({ state: 'COMPENSATING', step: 'c', compensationQueue: ['a'] });
    ({ t, snap } = step(three, snap, okReply));
    expect(t).toMatchObject({
      state: 'COMPENSATING',
      step: 'a',
      compensationQueue: [],
      compensationAttempts: 1,
    });
    ({ t } = step(three, snap, okReply));
    expect(t).toMatchObject({ state: 'FAILED', reason: 'c timed out' });
  });

  it('does not compensate a step whose own reply reported the failure', () => {
    const { t } = step(three, at('c', ['a', 'b']), okReply);
    expect(t).toMatchObject({ state: 'COMPENSATING', step: 'a' });
  });

  it('refuses a jump to a step that does not exist', () => {
    const loop = buildEnvelope('x.loop.v1', { source: 's', subject: 's', tenantId: 't', data: {} });
    expect(() => decide(three, at('c', []), { kind: 'reply', reply: loop })).toThrow('has no step nowhere');
  });
});
