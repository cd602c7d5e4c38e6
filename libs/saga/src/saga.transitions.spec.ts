import { randomUUID } from 'node:crypto';
import {
  PaymentsChargeTopUpResultV1,
  PaymentsCommitCreditResultV1,
  PaymentsReleaseCreditResultV1,
  PaymentsReserveCreditResultV1,
  buildEnvelope,
  type Envelope,
  type MessageDefinition,
} from '@sportclub/contracts';
import { AccessOpenCourtResultV1 } from '../test/fixtures/check-in.messages';
import { checkInData, checkInSaga, type CheckInData } from '../test/fixtures/check-in.saga';
import { defineSaga, type SagaDefinition } from './saga-definition.builder';
import { fail, goTo, next } from './saga.outcome';
import {
  decide,
  startTransition,
  type SagaSnapshot,
  type Transition,
  type Trigger,
} from './saga.transitions';

const saga = checkInSaga({ appDeadlineMs: 30_000, rfidDeadlineMs: 5_000, compensationAttempts: 2 });

function start(data: Partial<CheckInData> = {}) {
  const id = randomUUID();
  const initial = checkInData({ checkInId: id, memberId: 'member-1', ...data });
  const t = startTransition(saga, { id, tenantId: 'club-a', correlationId: id, data: initial });
  return { t, snap: after({ id, tenantId: 'club-a', correlationId: id } as SagaSnapshot<CheckInData>, t) };
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
  reply: def.envelope({ source: 'payments', subject: 's', tenantId: 'club-a', data }) as Envelope,
});

const reserved = reply(PaymentsReserveCreditResultV1, {
  reservationId: 'r',
  outcome: 'reserved',
  balanceCentavos: 0,
});
const insufficient = reply(PaymentsReserveCreditResultV1, {
  reservationId: 'r',
  outcome: 'insufficient-credit',
  balanceCentavos: 500,
  shortfallCentavos: 2_000,
});
const opened = reply(AccessOpenCourtResultV1, {
  checkInId: randomUUID(),
  outcome: 'opened',
  sessionId: 'session-9',
});
const refused = reply(AccessOpenCourtResultV1, {
  checkInId: randomUUID(),
  outcome: 'failed',
  reason: 'door jammed',
});
const committed = reply(PaymentsCommitCreditResultV1, { reservationId: 'r', outcome: 'committed' });
const released = reply(PaymentsReleaseCreditResultV1, { reservationId: 'r', outcome: 'released' });
const alreadyCommitted = reply(PaymentsReleaseCreditResultV1, {
  reservationId: 'r',
  outcome: 'already-committed',
});
const topUp = (outcome: 'succeeded' | 'pending' | 'failed') =>
  reply(PaymentsChargeTopUpResultV1, { paymentId: 'p', outcome });
const deadline: Trigger = { kind: 'deadline' };

describe('check-in saga transitions', () => {
  it('starts by reserving the session price with the door deadline of the channel', () => {
    const { t } = start({ channel: 'rfid', priceCentavos: 3_000 });
    expect(t.state).toBe('RUNNING');
    expect(t.step).toBe('reserve-credit');
    expect(t.awaiting).toMatchObject({
      type: 'payments.reserve-credit.v1',
      role: 'step',
      data: { memberId: 'member-1', amountCentavos: 3_000 },
    });
    expect(t.deadline).toBe(5_000);
  });

  it('reserves, opens the court, commits, and completes with one completed event', () => {
    let { snap } = start();
    ({ snap } = step(saga, snap, reserved));
    expect(snap.step).toBe('open-court'); // top-up skipped: nothing short
    ({ snap } = step(saga, snap, opened));
    expect(snap.step).toBe('commit-credit');
    const { t } = step(saga, snap, committed);
    expect(t).toMatchObject({ state: 'COMPLETED', step: null, awaiting: null, deadline: null });
    expect(t.events).toEqual([
      expect.objectContaining({
        type: 'access.checkin.completed.v1',
        data: expect.objectContaining({ sessionId: 'session-9', chargedCentavos: 2_500 }),
      }),
    ]);
  });

  it('skips the credit steps for a free session', () => {
    const { t, snap } = start({ priceCentavos: 0 });
    expect(t.step).toBe('open-court');
    const done = step(saga, snap, opened).t;
    expect(done.state).toBe('COMPLETED');
    expect(done.events[0].data).toMatchObject({ chargedCentavos: 0 });
  });

  it('tops up once when credit is short, then reserves again', () => {
    let { snap } = start();
    let t: Transition<CheckInData>;
    ({ t, snap } = step(saga, snap, insufficient));
    expect(t.step).toBe('top-up');
    expect(t.completedSteps).toEqual([]); // the refused reservation is nothing to give back
    expect(t.awaiting).toMatchObject({
      type: 'payments.charge-top-up.v1',
      data: { amountCentavos: 2_000, idempotencyKey: `${snap.id}:top-up:1` },
    });

    ({ t, snap } = step(saga, snap, topUp('pending')));
    expect(t).toMatchObject({ state: 'RUNNING', step: 'top-up', awaiting: 'keep', deadline: 'keep' });

    ({ t, snap } = step(saga, snap, topUp('succeeded')));
    expect(t.step).toBe('reserve-credit');
    expect(t.data).toMatchObject({ topUps: 1, shortfallCentavos: 0 });

    ({ t, snap } = step(saga, snap, insufficient));
    expect(t.state).toBe('REJECTED'); // only one top-up per check-in
    expect(t.events.map((e) => e.type)).toEqual(['access.checkin.rejected.v1']);
  });

  it('rejects at once when an RFID check-in is short of credit', () => {
    const { snap } = start({ channel: 'rfid' });
    const { t } = step(saga, snap, insufficient);
    expect(t).toMatchObject({ state: 'REJECTED', reason: 'insufficient credit', awaiting: null });
  });

  it('rejects without compensation when the top-up times out or fails', () => {
    let { snap } = start();
    ({ snap } = step(saga, snap, insufficient));
    expect(step(saga, snap, deadline).t).toMatchObject({ state: 'REJECTED', reason: 'top-up timed out' });
    expect(step(saga, snap, topUp('failed')).t.state).toBe('REJECTED');
  });

  it('releases the reservation when the court does not open, then fails', () => {
    let { snap } = start();
    ({ snap } = step(saga, snap, reserved));
    let t: Transition<CheckInData>;
    ({ t, snap } = step(saga, snap, refused));
    expect(t).toMatchObject({ state: 'COMPENSATING', step: 'reserve-credit', compensationAttempts: 1 });
    expect(t.awaiting).toMatchObject({
      type: 'payments.release-credit.v1',
      role: 'compensation',
      attempt: 1,
    });
    expect(t.deadline).toBe(30_000);
    ({ t } = step(saga, snap, released));
    expect(t).toMatchObject({ state: 'FAILED', reason: 'court did not open: door jammed', awaiting: null });
    expect(t.events.map((e) => e.type)).toEqual(['access.checkin.failed.v1']);
  });

  it('compensates a step whose deadline expired, since its command may have taken effect', () => {
    const { snap } = start();
    const { t } = step(saga, snap, deadline);
    expect(t).toMatchObject({
      state: 'COMPENSATING',
      step: 'reserve-credit',
      reason: 'reserve-credit timed out',
    });
  });

  it('retries an unconfirmed compensation with the same data, then parks it as NEEDS_ATTENTION', () => {
    let { snap } = start();
    ({ snap } = step(saga, snap, reserved));
    let t: Transition<CheckInData>;
    ({ t, snap } = step(saga, snap, deadline)); // open-court timed out
    const first = t.awaiting;
    ({ t, snap } = step(saga, snap, alreadyCommitted));
    expect(t).toMatchObject({ state: 'COMPENSATING', compensationAttempts: 2 });
    expect(t.awaiting).toMatchObject({ attempt: 2 });
    expect((t.awaiting as { data: unknown }).data).toEqual((first as { data: unknown }).data);
    ({ t } = step(saga, snap, deadline));
    expect(t).toMatchObject({ state: 'NEEDS_ATTENTION', awaiting: null, deadline: null });
    expect(t.events).toEqual([
      expect.objectContaining({
        type: 'access.checkin.needs-attention.v1',
        data: expect.objectContaining({ step: 'reserve-credit' }),
      }),
    ]);
  });

  it('ignores replies the current step does not expect, and anything once terminal', () => {
    const { snap } = start();
    expect(decide(saga, snap, committed)).toMatchObject({ kind: 'ignore' });
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
