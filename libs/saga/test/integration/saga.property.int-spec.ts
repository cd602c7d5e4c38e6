import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { EntityManager } from 'typeorm';
import type { Envelope } from '@sportclub/contracts';
import { Outbox, type SendOptions } from '@sportclub/outbox';
import { SagaLockedError, type SagaEngine, type SagaState } from '../../src';
import { SagaTestKit } from '../../src/testing';
import { OrderParticipants } from '../support/order.participants';
import { orderData, orderRegistry, orderSaga, type OrderData } from '../support/order.saga';

/**
 * Property: whatever the delivery order, duplication, lateness, crashes and expired deadlines, every
 * order saga ends in a terminal state with consistent effects. fast-check drives a simulated network
 * between the engine (real PostgreSQL, real outbox table, through the saga test kit) and in-memory
 * shop, supplier and carrier; afterwards everything still in flight is delivered and stuck sagas time out
 * until all is quiet.
 */

const NUM_RUNS = Number(process.env.SAGA_PROPERTY_RUNS ?? 50);
const TENANT = 'club-a';
const CUSTOMERS = ['c-0', 'c-1'];
const SKUS = ['racket', 'balls'];
// Long deadlines: only the deadlines the scenario expires fire.
const saga = orderSaga({
  stepMs: 600_000,
  restockMs: 600_000,
  compensationMs: 600_000,
  compensationAttempts: 3,
});

class SimulatedCrash extends Error {}

/** What the generated scenarios exercised across all runs, so a weakened generator shows up. */
const seen = new Map<string, number>();
const tally = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);

/** Dies inside the transition's transaction, before or after writing the outbox rows. */
class CrashingOutbox extends Outbox {
  armed: 'before' | 'after' | null = null;
  override async publish(
    m: EntityManager,
    messages: Envelope | Envelope[],
    options?: SendOptions,
  ): Promise<void> {
    const crash = this.armed;
    this.armed = null;
    if (crash === 'before') throw new SimulatedCrash('crash before the outbox write');
    await super.publish(m, messages, options);
    if (crash === 'after') throw new SimulatedCrash('crash after the outbox write');
  }
}

const orderArb = fc.record({
  customer: fc.integer({ min: 0, max: CUSTOMERS.length - 1 }),
  sku: fc.integer({ min: 0, max: SKUS.length - 1 }),
  backorder: fc.boolean(),
  quantity: fc.constantFrom(0, 1, 3),
});

const actionArb = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('start' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('start-again' as const), pick: fc.nat() }) },
  {
    weight: 6,
    arbitrary: fc.record({ op: fc.constant('command' as const), pick: fc.nat(), duplicate: fc.boolean() }),
  },
  {
    weight: 6,
    arbitrary: fc.record({ op: fc.constant('reply' as const), pick: fc.nat(), duplicate: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('deadline' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('restart' as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('crash' as const), at: fc.constantFrom('before', 'after') }),
  },
);

const scenarioArb = fc.record({
  orders: fc.array(orderArb, { minLength: 2, maxLength: 5 }),
  stock: fc.tuple(...SKUS.map(() => fc.constantFrom(0, 1, 3, 10))),
  choices: fc.array(fc.nat(99), { minLength: 1, maxLength: 64 }),
  actions: fc.array(actionArb, { minLength: 10, maxLength: 80, size: 'max' }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;

interface Row {
  id: string;
  state: SagaState;
  step: string | null;
  version: number;
  lock_key: string;
  awaiting_command_id: string | null;
  deadline_at: Date | null;
}

const ACTIVE: SagaState[] = ['RUNNING', 'COMPENSATING'];
const END_EVENT: Record<string, string> = {
  COMPLETED: 'shop.order.completed.v1',
  FAILED: 'shop.order.failed.v1',
  REJECTED: 'shop.order.rejected.v1',
  NEEDS_ATTENTION: 'shop.order.needs-attention.v1',
};

describe('order saga under duplicated, reordered and late messages, crashes and deadlines', () => {
  let kit: SagaTestKit<OrderData>;
  beforeAll(async () => {
    kit = await SagaTestKit.start({
      definition: saga,
      source: 'shop',
      registry: orderRegistry,
      tenantId: TENANT,
      databasePrefix: 'saga_property',
    });
  });
  afterAll(() => kit.close());

  async function runScenario(scenario: Scenario): Promise<void> {
    const ds = kit.dataSource;
    await kit.reset();

    let outbox = new CrashingOutbox(orderRegistry);
    let engine: SagaEngine = kit.restart({ outbox });
    const restart = () => {
      outbox = new CrashingOutbox(orderRegistry);
      engine = kit.restart({ outbox }); // a new process: nothing survives but the database
    };
    let choice = 0;
    const participants = new OrderParticipants(
      Object.fromEntries(SKUS.map((sku, i) => [sku, scenario.stock[i]])),
      () => scenario.choices[choice++ % scenario.choices.length],
      (command, def, data) => kit.replyTo(command, def, data),
    );

    const planned = scenario.orders.map((o) => {
      const id = randomUUID();
      return {
        id,
        started: false,
        data: orderData({
          orderId: id,
          customerId: CUSTOMERS[o.customer],
          sku: SKUS[o.sku],
          quantity: o.quantity,
          backorder: o.backorder,
        }),
      };
    });
    const commands: Envelope[] = [];
    const replies: Envelope[] = [];
    let cursor = 0;
    const reservedSeen = new Set<string>();
    const reserveTimedOut = new Set<string>();
    const lastVersion = new Map<string, number>();
    const appliedReplies = new Set<string>();

    const rows = async (): Promise<Row[]> =>
      ds.query(
        `SELECT id, state, step, version, lock_key, awaiting_command_id, deadline_at FROM saga_instance ORDER BY created_at, id`,
      );
    const rowOf = async (id: string): Promise<Row | undefined> =>
      (await ds.query(`SELECT * FROM saga_instance WHERE id = $1`, [id]))[0];

    /** The relay's part: commands written by committed transitions become deliverable. */
    async function pump(): Promise<void> {
      for (const r of await kit.outbox({ after: cursor })) {
        cursor = r.id;
        if (r.kind === 'rabbitmq') commands.push(r.envelope);
      }
    }

    async function guarded<T>(fn: () => Promise<T>): Promise<T | 'crashed'> {
      try {
        return await fn();
      } catch (error) {
        if (!(error instanceof SimulatedCrash)) throw error;
        restart();
        tally('crash');
        return 'crashed';
      }
    }

    async function start(index: number): Promise<void> {
      const p = planned[index];
      try {
        const result = await guarded(() => engine.start(saga, p.data, { tenantId: TENANT, sagaId: p.id }));
        if (result !== 'crashed') p.started = true;
      } catch (error) {
        if (!(error instanceof SagaLockedError)) throw error;
        tally('lock refused');
        const holder = await rowOf(error.activeSagaId);
        expect(holder && ACTIVE.includes(holder.state) && holder.lock_key === p.data.customerId).toBe(true);
      }
    }

    async function startAgain(index: number): Promise<void> {
      const p = planned[index];
      if (!p.started) return;
      const before = await rowOf(p.id);
      const count = (await kit.outbox()).length;
      const again = await guarded(() => engine.start(saga, p.data, { tenantId: TENANT, sagaId: p.id }));
      if (again !== 'crashed') expect(again).toMatchObject({ id: p.id, version: before!.version });
      expect((await kit.outbox()).length).toBe(count);
    }

    async function deliverCommand(index: number, duplicate: boolean): Promise<void> {
      const [command] = duplicate ? [commands[index]] : commands.splice(index, 1);
      replies.push(...participants.handle(command));
    }

    async function deliverReply(index: number, duplicate: boolean): Promise<void> {
      const reply = replies[index];
      const sagaId = reply.correlationid;
      const before = (await rowOf(sagaId))!;
      const result = await guarded(() => kit.deliver(reply, engine));
      const after = (await rowOf(sagaId))!;
      if (result !== 'crashed' && result.outcome === 'applied') {
        // Only the awaited command's reply moves the saga, by exactly one version.
        expect(reply.causationid).toBe(before.awaiting_command_id);
        expect(after.version).toBe(before.version + 1);
        expect(appliedReplies.has(reply.id)).toBe(false); // a redelivery never transitions twice
        appliedReplies.add(reply.id);
        const data = reply.data as { outcome?: string };
        if (reply.type === 'shop.reserve-stock.result.v1' && data.outcome === 'reserved') {
          reservedSeen.add(sagaId);
        }
      } else {
        expect(after.version).toBe(before.version);
        if (result !== 'crashed')
          tally(result.reason === 'duplicate reply' ? 'duplicate reply' : 'stale reply');
      }
      // A crashed delivery is not acknowledged: the broker redelivers it.
      if (!duplicate && result !== 'crashed') replies.splice(index, 1);
    }

    async function expire(sagaId: string): Promise<void> {
      const before = await rows();
      await kit.makeDue(sagaId);
      const fired = await engine.fireDueDeadlines();
      for (const id of fired) {
        const was = before.find((r) => r.id === id)!;
        if (was.state === 'RUNNING' && was.step === 'reserve-stock') reserveTimedOut.add(id);
        tally('deadline fired');
      }
    }

    async function checkInvariants(): Promise<void> {
      for (const r of await rows()) {
        expect(r.version).toBeGreaterThanOrEqual(lastVersion.get(r.id) ?? 1);
        lastVersion.set(r.id, r.version);
        // At most one outstanding command: the saga waits on exactly its latest command, or on none.
        const [latest] = await ds.query(
          `SELECT command_id FROM saga_command WHERE saga_id = $1 ORDER BY version DESC LIMIT 1`,
          [r.id],
        );
        if (ACTIVE.includes(r.state)) expect(r.awaiting_command_id).toBe(latest?.command_id);
        else expect([r.awaiting_command_id, r.deadline_at]).toEqual([null, null]);
      }
      const customers = (await rows()).filter((r) => ACTIVE.includes(r.state)).map((r) => r.lock_key);
      expect(new Set(customers).size).toBe(customers.length); // the semantic lock
    }

    // The scenario's actions.
    for (const action of scenario.actions) {
      await pump();
      switch (action.op) {
        case 'start': {
          const waiting = planned.map((p, i) => (p.started ? -1 : i)).filter((i) => i >= 0);
          if (waiting.length > 0) await start(waiting[action.pick % waiting.length]);
          break;
        }
        case 'start-again':
          await startAgain(action.pick % planned.length);
          break;
        case 'command':
          if (commands.length > 0) await deliverCommand(action.pick % commands.length, action.duplicate);
          break;
        case 'reply':
          if (replies.length > 0) await deliverReply(action.pick % replies.length, action.duplicate);
          break;
        case 'deadline': {
          const active = (await rows()).filter((r) => ACTIVE.includes(r.state) && r.deadline_at);
          if (active.length > 0) await expire(active[action.pick % active.length].id);
          break;
        }
        case 'restart':
          restart();
          break;
        case 'crash':
          outbox.armed = action.at;
          break;
      }
      await checkInvariants();
    }

    // Quiescence: deliver everything in flight, time out whatever still waits, start what was refused.
    outbox.armed = null;
    for (let round = 0; ; round++) {
      expect(round).toBeLessThan(500);
      await pump();
      if (replies.length > 0) await deliverReply(0, false);
      else if (commands.length > 0) await deliverCommand(0, false);
      else {
        const active = (await rows()).filter((r) => ACTIVE.includes(r.state));
        const waiting = planned.findIndex((p) => !p.started);
        if (active.length > 0) await expire(active[0].id);
        else if (waiting >= 0) await start(waiting);
        else break;
      }
      await checkInvariants();
    }

    // Outcomes.
    const final = await rows();
    expect(final.map((r) => r.id).sort()).toEqual(planned.map((p) => p.id).sort());
    const all = await kit.outbox();
    expect(new Set(all.map((r) => r.envelope.id)).size).toBe(all.length);
    const sent: { command_id: string; saga_id: string; version: number }[] = await ds.query(
      `SELECT command_id, saga_id, version FROM saga_command`,
    );
    // Every command in the outbox was recorded by exactly one committed transition, and vice versa.
    const commandRows = all.filter((r) => r.kind === 'rabbitmq');
    expect(commandRows.map((r) => r.envelope.id).sort()).toEqual(sent.map((s) => s.command_id).sort());

    for (const p of planned) {
      const end = final.find((r) => r.id === p.id)!;
      tally(end.state);
      expect(['COMPLETED', 'REJECTED', 'FAILED', 'NEEDS_ATTENTION']).toContain(end.state);
      const mine = all.filter((r) => r.envelope.correlationid === p.id);
      const mineCommands = mine.filter((r) => r.kind === 'rabbitmq').map((r) => r.envelope);
      const versions = mineCommands.map((c) => sent.find((s) => s.command_id === c.id)!.version);
      expect(versions).toEqual([...versions].sort((a, b) => a - b)); // written in version order...
      expect(new Set(versions).size).toBe(versions.length); // ...one command per transition

      const events = mine.filter((r) => r.kind === 'kafka').map((r) => r.envelope.type);
      expect(events).toEqual([END_EVENT[end.state]]);

      const released = mineCommands.filter((c) => c.type === 'shop.release-stock.v1');
      const mayHoldStock = reservedSeen.has(p.id) || reserveTimedOut.has(p.id);
      expect(released.length > 0).toBe(mayHoldStock && end.state !== 'COMPLETED');
      expect(released.length).toBeLessThanOrEqual(3);

      const reservation = participants.reservations.get(p.id);
      const takes = mineCommands.filter((c) => c.type === 'shop.take-stock.v1');
      if (end.state === 'COMPLETED') {
        if (p.data.quantity > 0) {
          expect(takes).toHaveLength(1);
          expect(reservation?.status).toBe('taken');
          expect(participants.takes.get(p.id)).toBe(1);
        } else {
          expect(takes).toHaveLength(0);
        }
      } else if (end.state !== 'NEEDS_ATTENTION') {
        // Ended without shipping: nothing of the stock stays held or taken.
        expect(['reserved', 'taken']).not.toContain(reservation?.status);
      }
    }

    // Stock balances: what is on the shelf plus what is held or gone is what was there plus restocks.
    for (const sku of SKUS) {
      const held = [...participants.reservations.values()]
        .filter((r) => r.sku === sku && (r.status === 'reserved' || r.status === 'taken'))
        .reduce((sum, r) => sum + r.quantity, 0);
      const onShelf = participants.stock.get(sku)!;
      expect(onShelf).toBeGreaterThanOrEqual(0);
      expect(onShelf + held).toBe(participants.initial.get(sku)! + (participants.restocked.get(sku) ?? 0));
    }
  }

  it('ends every saga in a terminal state with consistent effects', async () => {
    const started = Date.now();
    await fc.assert(fc.asyncProperty(scenarioArb, runScenario), { numRuns: NUM_RUNS });
    console.info(`saga property: ${NUM_RUNS} runs in ${Date.now() - started} ms`, Object.fromEntries(seen));
    for (const what of [
      'crash',
      'lock refused',
      'duplicate reply',
      'stale reply',
      'deadline fired',
      'COMPLETED',
      'FAILED',
    ]) {
      expect([what, seen.get(what) ?? 0]).not.toEqual([what, 0]);
    }
  });
});
