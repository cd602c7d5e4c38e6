import { randomUUID } from 'node:crypto';
import {
  PaymentsChargeTopUpResultV1,
  PaymentsCommitCreditResultV1,
  PaymentsReleaseCreditResultV1,
  PaymentsReserveCreditResultV1,
  type Envelope,
} from '@sportclub/contracts';
import { metricsRegistry } from '@sportclub/observability';
import { eventually } from '@sportclub/testing';
import { SagaDeadlineScheduler, SagaIdConflictError, SagaLockedError, type SagaEngine } from '../../src';
import { AccessOpenCourtResultV1 } from '../fixtures/check-in.messages';
import { checkInData, checkInSaga } from '../fixtures/check-in.saga';
import {
  REPLY_QUEUE,
  commandsOf,
  eventsOf,
  expireDeadlines,
  outboxRows,
  replyTo,
  sagaDatabase,
  sagaEngine,
  type SagaDatabase,
} from '../fixtures/saga-test.kit';

const saga = checkInSaga({
  appDeadlineMs: 600_000,
  compensationDeadlineMs: 600_000,
  compensationAttempts: 3,
});
const TENANT = 'club-a';

describe('saga engine on a real PostgreSQL database', () => {
  let env: SagaDatabase;
  let engine: SagaEngine;

  beforeAll(async () => {
    env = await sagaDatabase('saga_engine');
    engine = sagaEngine(env.dataSource, saga);
  });
  afterAll(() => env.close());

  async function startCheckIn(
    memberId = `member-${randomUUID()}`,
    extra: Partial<Parameters<typeof checkInData>[0]> = {},
  ) {
    const id = randomUUID();
    return engine.start(saga, checkInData({ checkInId: id, memberId, ...extra }), {
      tenantId: TENANT,
      sagaId: id,
    });
  }

  /** The single command the saga is waiting on, read from the outbox. */
  async function lastCommand(sagaId: string): Promise<Envelope> {
    const commands = commandsOf(await outboxRows(env.dataSource, sagaId));
    return commands[commands.length - 1];
  }

  async function reserved(sagaId: string) {
    const command = await lastCommand(sagaId);
    const result = await engine.handleReply(
      replyTo(command, PaymentsReserveCreditResultV1, {
        reservationId: sagaId,
        outcome: 'reserved',
        balanceCentavos: 0,
      }),
    );
    expect(result.outcome).toBe('applied');
  }

  async function courtRefused(sagaId: string) {
    const command = await lastCommand(sagaId);
    expect(command.type).toBe('access-gateway.open-court.v1');
    await engine.handleReply(
      replyTo(command, AccessOpenCourtResultV1, {
        checkInId: sagaId,
        outcome: 'failed',
        reason: 'door jammed',
      }),
    );
  }

  it('runs a check-in through a top-up loop to completion, one command at a time, all in the outbox', async () => {
    const started = await startCheckIn();
    const answer = async <T>(def: Parameters<typeof replyTo<T>>[1], data: T) =>
      engine.handleReply(replyTo(await lastCommand(started.id), def, data));

    await answer(PaymentsReserveCreditResultV1, {
      reservationId: started.id,
      outcome: 'insufficient-credit',
      balanceCentavos: 100,
      shortfallCentavos: 2_400,
    });
    await answer(PaymentsChargeTopUpResultV1, { paymentId: 'p', outcome: 'pending' });
    await answer(PaymentsChargeTopUpResultV1, { paymentId: 'p', outcome: 'succeeded' });
    await answer(PaymentsReserveCreditResultV1, {
      reservationId: started.id,
      outcome: 'reserved',
      balanceCentavos: 0,
    });
    await answer(AccessOpenCourtResultV1, {
      checkInId: started.id,
      outcome: 'opened',
      sessionId: 'session-1',
    });
    const done = await answer(PaymentsCommitCreditResultV1, {
      reservationId: started.id,
      outcome: 'committed',
    });

    expect(done).toMatchObject({ outcome: 'applied', saga: { state: 'COMPLETED', version: 7 } });
    const rows = await outboxRows(env.dataSource, started.id);
    expect(commandsOf(rows).map((c) => c.type)).toEqual([
      'payments.reserve-credit.v1',
      'payments.charge-top-up.v1',
      'payments.reserve-credit.v1',
      'access-gateway.open-court.v1',
      'payments.commit-credit.v1',
    ]);
    expect(rows.filter((r) => r.kind === 'rabbitmq').every((r) => r.replyTo === REPLY_QUEUE)).toBe(true);
    expect(eventsOf(rows).map((e) => [e.type, e.data])).toEqual([
      [
        'access.checkin.completed.v1',
        expect.objectContaining({ checkInId: started.id, sessionId: 'session-1', chargedCentavos: 2_500 }),
      ],
    ]);
  });

  it('starts idempotently on the same saga id, and refuses that id for another tenant', async () => {
    const id = randomUUID();
    const data = checkInData({ checkInId: id, memberId: `member-${id}` });
    const first = await engine.start(saga, data, { tenantId: TENANT, sagaId: id });
    const again = await engine.start(saga, data, { tenantId: TENANT, sagaId: id });
    expect(again).toMatchObject({ id: first.id, version: 1, state: 'RUNNING' });
    expect(commandsOf(await outboxRows(env.dataSource, id))).toHaveLength(1);
    await expect(engine.start(saga, data, { tenantId: 'club-b', sagaId: id })).rejects.toBeInstanceOf(
      SagaIdConflictError,
    );
  });

  it('lets exactly one of two concurrent starts for the same member run, naming it to the other', async () => {
    const replicas = [sagaEngine(await env.replica(), saga), sagaEngine(await env.replica(), saga)];
    for (let round = 0; round < 5; round++) {
      const memberId = `member-${randomUUID()}`;
      const results = await Promise.allSettled(
        replicas.map((r) => {
          const id = randomUUID();
          return r.start(saga, checkInData({ checkInId: id, memberId }), { tenantId: TENANT, sagaId: id });
        }),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const winner = (won[0] as PromiseFulfilledResult<{ id: string }>).value;
      expect(lost[0].reason).toBeInstanceOf(SagaLockedError);
      expect((lost[0].reason as SagaLockedError).activeSagaId).toBe(winner.id);
      const active = await env.dataSource.query(
        `SELECT id FROM saga_instance WHERE lock_key = $1 AND state IN ('RUNNING', 'COMPENSATING')`,
        [memberId],
      );
      expect(active).toEqual([{ id: winner.id }]);
    }

    // Once the holder has ended, the member may check in again.
    const memberId = `member-${randomUUID()}`;
    const first = await startCheckIn(memberId, { channel: 'rfid' });
    await expect(startCheckIn(memberId)).rejects.toBeInstanceOf(SagaLockedError);
    await engine.handleReply(
      replyTo(await lastCommand(first.id), PaymentsReserveCreditResultV1, {
        reservationId: first.id,
        outcome: 'insufficient-credit',
        balanceCentavos: 0,
      }),
    );
    expect((await engine.find(first.id, TENANT))?.state).toBe('REJECTED');
    expect((await startCheckIn(memberId)).state).toBe('RUNNING');
  });

  it('applies a reply raced by two engine instances exactly once', async () => {
    const replicas = [sagaEngine(await env.replica(), saga), sagaEngine(await env.replica(), saga)];
    const sagas = await Promise.all(Array.from({ length: 8 }, () => startCheckIn()));
    await Promise.all(
      sagas.map(async (s) => {
        const command = await lastCommand(s.id);
        const reply = replyTo(command, PaymentsReserveCreditResultV1, {
          reservationId: s.id,
          outcome: 'reserved',
          balanceCentavos: 0,
        });
        // The same delivery twice, and a re-sent copy with a new message id.
        const copy = { ...reply, id: randomUUID() };
        const results = await Promise.all([
          replicas[0].handleReply(reply),
          replicas[1].handleReply(reply),
          replicas[1].handleReply(copy),
        ]);
        expect(results.filter((r) => r.outcome === 'applied')).toHaveLength(1);
      }),
    );
    for (const s of sagas) {
      expect(await engine.find(s.id, TENANT)).toMatchObject({
        state: 'RUNNING',
        step: 'open-court',
        version: 2,
      });
      expect(commandsOf(await outboxRows(env.dataSource, s.id), 'access-gateway.open-court.v1')).toHaveLength(
        1,
      );
    }
  });

  it("joins the caller's transaction: when it rolls back, so does the transition", async () => {
    const s = await startCheckIn();
    const reply = replyTo(await lastCommand(s.id), PaymentsReserveCreditResultV1, {
      reservationId: s.id,
      outcome: 'reserved',
      balanceCentavos: 0,
    });
    await expect(
      env.dataSource.transaction(async (m) => {
        expect((await engine.handleReply(reply, m)).outcome).toBe('applied');
        throw new Error('inbox handler crashed after the saga step');
      }),
    ).rejects.toThrow('crashed');
    expect(await engine.find(s.id, TENANT)).toMatchObject({ step: 'reserve-credit', version: 1 });
    expect(commandsOf(await outboxRows(env.dataSource, s.id))).toHaveLength(1);
    expect((await engine.handleReply(reply)).outcome).toBe('applied'); // the redelivery goes through
  });

  it('runs onTransition in each transition with what it emitted; when it throws, the transition does not happen', async () => {
    const seen: { state: string; events: string[] }[] = [];
    let failing = false;
    const hooked = sagaEngine(env.dataSource, saga, undefined, {
      onTransition: async (m, view, events) => {
        // Inside the transition's transaction: the saga row already holds the new version.
        const [row] = await m.query('SELECT version FROM saga_instance WHERE id = $1', [view.id]);
        expect(row.version).toBe(view.version);
        if (failing) throw new Error('session could not be opened');
        seen.push({ state: view.state, events: events.map((e) => e.type) });
      },
    });
    const id = randomUUID();
    await hooked.start(saga, checkInData({ checkInId: id, memberId: `member-${id}` }), {
      tenantId: TENANT,
      sagaId: id,
    });
    const answer = async <T>(def: Parameters<typeof replyTo<T>>[1], data: T) =>
      hooked.handleReply(replyTo(await lastCommand(id), def, data));
    await answer(PaymentsReserveCreditResultV1, {
      reservationId: id,
      outcome: 'reserved',
      balanceCentavos: 0,
    });
    await answer(AccessOpenCourtResultV1, { checkInId: id, outcome: 'opened', sessionId: 'session-h' });

    failing = true;
    const commit = replyTo(await lastCommand(id), PaymentsCommitCreditResultV1, {
      reservationId: id,
      outcome: 'committed',
    });
    await expect(hooked.handleReply(commit)).rejects.toThrow('session could not be opened');
    expect(await hooked.find(id, TENANT)).toMatchObject({ state: 'RUNNING', step: 'commit-credit' });
    expect(eventsOf(await outboxRows(env.dataSource, id))).toEqual([]);

    failing = false;
    expect(await hooked.handleReply(commit)).toMatchObject({
      outcome: 'applied',
      saga: { state: 'COMPLETED' },
    });
    expect(seen).toEqual([
      { state: 'RUNNING', events: [] },
      { state: 'RUNNING', events: [] },
      { state: 'RUNNING', events: [] },
      { state: 'COMPLETED', events: ['access.checkin.completed.v1'] },
    ]);
  });

  it('times each expired saga out exactly once with two schedulers polling together', async () => {
    const sagas = await Promise.all(Array.from({ length: 12 }, () => startCheckIn()));
    const ids = sagas.map((s) => s.id);
    const engines = [sagaEngine(await env.replica(), saga), sagaEngine(await env.replica(), saga)];
    const schedulers = engines.map((e) => new SagaDeadlineScheduler(e, { intervalMs: 20, batchSize: 3 }));
    await expireDeadlines(env.dataSource, ids);
    schedulers.forEach((s) => s.start());
    try {
      await eventually(async () => {
        const [{ n }] = await env.dataSource.query(
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
      expect(await engine.find(id, TENANT)).toMatchObject({
        state: 'COMPENSATING',
        step: 'reserve-credit',
        compensationAttempts: 1,
        version: 2,
        reason: 'reserve-credit timed out',
      });
      expect(commandsOf(await outboxRows(env.dataSource, id), 'payments.release-credit.v1')).toHaveLength(1);
    }
  });

  it('retries a compensation that fails, then parks the saga as NEEDS_ATTENTION with an event', async () => {
    const parked = async () =>
      (await metricsRegistry.getSingleMetricAsString('saga_outcomes_total'))
        .split('\n')
        .find((l) => l.startsWith('saga_outcomes_total{type="check-in",state="NEEDS_ATTENTION"}'));
    const before = Number((await parked())?.split(' ')[1] ?? 0);

    const s = await startCheckIn();
    await reserved(s.id);
    await courtRefused(s.id);
    const notReleased = { reservationId: s.id, outcome: 'already-committed' as const };

    const first = await lastCommand(s.id);
    expect(first.type).toBe('payments.release-credit.v1');
    await engine.handleReply(replyTo(first, PaymentsReleaseCreditResultV1, notReleased));
    expect(await engine.find(s.id, TENANT)).toMatchObject({ state: 'COMPENSATING', compensationAttempts: 2 });

    await expireDeadlines(env.dataSource, [s.id]); // the second attempt gets no answer in time
    expect(await engine.fireDueDeadlines()).toContain(s.id);
    expect(await engine.find(s.id, TENANT)).toMatchObject({ state: 'COMPENSATING', compensationAttempts: 3 });

    // A late answer to the first attempt changes nothing.
    const late = await engine.handleReply(
      replyTo(first, PaymentsReleaseCreditResultV1, { reservationId: s.id, outcome: 'released' }),
    );
    expect(late).toMatchObject({ outcome: 'ignored', sagaId: s.id });

    await engine.handleReply(replyTo(await lastCommand(s.id), PaymentsReleaseCreditResultV1, notReleased));
    const end = await engine.find(s.id, TENANT);
    expect(end).toMatchObject({ state: 'NEEDS_ATTENTION', step: null, deadlineAt: null });
    expect(end?.reason).toContain('not confirmed');

    const rows = await outboxRows(env.dataSource, s.id);
    const releases = commandsOf(rows, 'payments.release-credit.v1');
    expect(releases).toHaveLength(3);
    expect(new Set(releases.map((r) => r.id)).size).toBe(3);
    expect(releases.every((r) => JSON.stringify(r.data) === JSON.stringify(releases[0].data))).toBe(true);
    expect(eventsOf(rows)).toEqual([
      expect.objectContaining({
        type: 'access.checkin.needs-attention.v1',
        data: expect.objectContaining({ checkInId: s.id, step: 'reserve-credit' }),
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
        await engine.start(saga, checkInData({ checkInId: id, memberId: `m-${id}` }), {
          tenantId: tenant,
          sagaId: id,
        }),
      );
    }
    const other = await startCheckIn();

    expect(await engine.find(other.id, tenant)).toBeNull();
    expect(await engine.find('not-a-uuid', tenant)).toBeNull();
    expect(await engine.find(mine[0].id, tenant)).toMatchObject({
      id: mine[0].id,
      tenantId: tenant,
      type: 'check-in',
      state: 'RUNNING',
      step: 'reserve-credit',
      version: 1,
      data: expect.objectContaining({ checkInId: mine[0].id }),
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
