import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  AccessGatewayOpenCourtResultV1,
  PaymentsChargeTopUpResultV1,
  PaymentsCommitCreditResultV1,
  PaymentsReleaseCreditResultV1,
  PaymentsReserveCreditResultV1,
  commandQueue,
  type Envelope,
} from '@sportclub/contracts';
import { SagaTestKit } from '@sportclub/saga/testing';
import { checkInSaga, type CheckInData } from '../../src/check-in/application/check-in.saga';

/**
 * The gateway's real check-in saga, run by the real engine and outbox writer on PostgreSQL through the
 * saga test kit: the test plays payments and the court-opening command, reading what the saga sent.
 */
const STEP_MS = 15_000;
const PIX_MS = 600_000;
const TENANT = 'club-aurora';

describe('check-in saga (the definition the gateway runs)', () => {
  let kit: SagaTestKit<CheckInData>;

  beforeAll(async () => {
    kit = await SagaTestKit.start({
      definition: checkInSaga({ stepMs: STEP_MS, pixMs: PIX_MS }),
      source: 'access-gateway',
      tenantId: TENANT,
      databasePrefix: 'check_in_saga',
    });
  });
  afterAll(() => kit.close());

  /** A check-in as the gateway's use case starts it: the court's price, nothing reserved yet. */
  async function checkIn(extra: Partial<CheckInData> = {}) {
    const checkInId = randomUUID();
    const data: CheckInData = {
      checkInId,
      memberId: `member-${checkInId.slice(0, 8)}`,
      courtId: 'court-7',
      channel: 'app',
      priceCentavos: 2_500,
      reserved: false,
      topUpMethod: 'card',
      shortfallCentavos: 0,
      topUps: 0,
      ...extra,
    };
    await kit.start(data, { sagaId: checkInId });
    return data;
  }

  const commandTypes = async (id: string) => (await kit.commands(id)).map((c) => c.type);
  const awaitedType = async (id: string) => (await kit.awaited(id))?.type;

  const reserve = (id: string, outcome: 'reserved' | 'insufficient-credit', shortfallCentavos?: number) =>
    kit.reply(id, PaymentsReserveCreditResultV1, {
      reservationId: id,
      outcome,
      balanceCentavos: outcome === 'reserved' ? 0 : 1_900,
      ...(shortfallCentavos !== undefined && { shortfallCentavos }),
    });
  const open = (id: string, outcome: 'opened' | 'failed' = 'opened') =>
    kit.reply(
      id,
      AccessGatewayOpenCourtResultV1,
      outcome === 'opened'
        ? { checkInId: id, outcome, sessionId: `session-${id.slice(0, 8)}` }
        : { checkInId: id, outcome, reason: 'access vendor unavailable' },
    );
  const commit = (id: string) =>
    kit.reply(id, PaymentsCommitCreditResultV1, { reservationId: id, outcome: 'committed' });
  const release = (id: string, outcome: 'released' | 'already-committed') =>
    kit.reply(id, PaymentsReleaseCreditResultV1, { reservationId: id, outcome });

  it('reserves the court price, opens the court, commits the credit and completes', async () => {
    const { checkInId: id, memberId } = await checkIn();
    expect((await kit.awaited(id))?.data).toEqual({
      reservationId: id,
      memberId,
      amountCentavos: 2_500,
      reason: `check-in ${id} at court court-7`,
    });
    await reserve(id, 'reserved');
    expect((await kit.awaited(id))?.data).toEqual({ checkInId: id, courtId: 'court-7', memberId });
    await open(id);
    expect((await kit.awaited(id))?.data).toEqual({ reservationId: id });
    const done = await commit(id);

    expect(done).toMatchObject({ outcome: 'applied', saga: { state: 'COMPLETED', step: null } });
    expect(await commandTypes(id)).toEqual([
      'payments.reserve-credit.v1',
      'access-gateway.open-court.v1',
      'payments.commit-credit.v1',
    ]);
    expect((await kit.commands(id)).every((c) => c.source === '/sportclub/access-gateway')).toBe(true);
    expect(
      (await kit.outbox())
        .filter((r) => r.kind === 'rabbitmq')
        .every((r) => r.replyTo === commandQueue('access-gateway')),
    ).toBe(true);
    expect((await kit.events(id)).map((e) => [e.type, e.data])).toEqual([
      [
        'access.checkin.completed.v1',
        {
          checkInId: id,
          memberId,
          courtId: 'court-7',
          sessionId: `session-${id.slice(0, 8)}`,
          chargedCentavos: 2_500,
        },
      ],
    ]);
    expect((await kit.state(id)).data).toMatchObject({ reserved: true });
  });

  it('tops a short wallet up by the saved card with an idempotency key from the check-in, then reserves again', async () => {
    const { checkInId: id, memberId } = await checkIn();
    await reserve(id, 'insufficient-credit', 600);
    expect(await kit.awaited(id)).toMatchObject({
      type: 'payments.charge-top-up.v1',
      data: {
        paymentId: `${id}-top-up-1`,
        memberId,
        amountCentavos: 600,
        method: 'card',
        idempotencyKey: `check-in:${id}:top-up:1`,
      },
    });
    await kit.reply(id, PaymentsChargeTopUpResultV1, { paymentId: `${id}-top-up-1`, outcome: 'succeeded' });
    expect(await awaitedType(id)).toBe('payments.reserve-credit.v1');
    await reserve(id, 'reserved');
    await open(id);
    await commit(id);

    const end = await kit.state(id);
    expect(end).toMatchObject({
      state: 'COMPLETED',
      data: { topUps: 1, reserved: true, shortfallCentavos: 0 },
    });
    expect(end.data.topUp).toEqual({ paymentId: `${id}-top-up-1`, status: 'succeeded' });
    expect(await commandTypes(id)).toEqual([
      'payments.reserve-credit.v1',
      'payments.charge-top-up.v1',
      'payments.reserve-credit.v1',
      'access-gateway.open-court.v1',
      'payments.commit-credit.v1',
    ]);
  });

  it('rejects when the credit is still short after the top-up, holding nothing', async () => {
    const { checkInId: id } = await checkIn();
    await reserve(id, 'insufficient-credit', 600);
    await kit.reply(id, PaymentsChargeTopUpResultV1, { paymentId: `${id}-top-up-1`, outcome: 'succeeded' });
    await reserve(id, 'insufficient-credit', 100);
    expect(await kit.state(id)).toMatchObject({
      state: 'REJECTED',
      reason: 'insufficient credit after the top-up',
    });
    expect(await commandTypes(id)).toEqual([
      'payments.reserve-credit.v1',
      'payments.charge-top-up.v1',
      'payments.reserve-credit.v1',
    ]);
  });

  it('rejects a declined top-up with nothing held: no release, no court, the reason told', async () => {
    const { checkInId: id, memberId } = await checkIn();
    await reserve(id, 'insufficient-credit', 600);
    await kit.reply(id, PaymentsChargeTopUpResultV1, {
      paymentId: `${id}-top-up-1`,
      outcome: 'failed',
      reason: 'card declined',
    });

    const end = await kit.state(id);
    expect(end).toMatchObject({
      state: 'REJECTED',
      step: null,
      deadlineAt: null,
      reason: 'insufficient credit and the top-up failed: card declined',
      data: { reserved: false, topUp: { status: 'failed' } },
    });
    expect(await kit.awaited(id)).toBeNull();
    expect(await commandTypes(id)).toEqual(['payments.reserve-credit.v1', 'payments.charge-top-up.v1']);
    expect((await kit.events(id)).map((e) => [e.type, e.data])).toEqual([
      [
        'access.checkin.rejected.v1',
        {
          checkInId: id,
          memberId,
          courtId: 'court-7',
          reason: 'insufficient credit and the top-up failed: card declined',
        },
      ],
    ]);
  });

  it('waits for a Pix top-up the member pays later: pending shows the QR code, paid reserves again', async () => {
    const { checkInId: id } = await checkIn({ topUpMethod: 'pix' });
    await reserve(id, 'insufficient-credit', 2_500);
    const charge = (await kit.awaited(id))!;
    expect(charge).toMatchObject({
      type: 'payments.charge-top-up.v1',
      data: { method: 'pix', amountCentavos: 2_500 },
    });

    const pix = {
      qrCode: '00020126580014br.gov.bcb.pix',
      expiresAt: new Date(Date.now() + PIX_MS).toISOString(),
    };
    const pending = await kit.reply(id, PaymentsChargeTopUpResultV1, {
      paymentId: `${id}-top-up-1`,
      outcome: 'pending',
      pix,
    });
    expect(pending.outcome).toBe('applied');
    const waiting = await kit.state(id);
    expect(waiting).toMatchObject({
      state: 'RUNNING',
      step: 'top-up',
      data: { topUp: { status: 'pending', pix } },
    });
    // The Pix deadline, not the step's: the member has minutes to pay.
    expect(waiting.deadlineAt!.getTime() - Date.now()).toBeGreaterThan(PIX_MS - 60_000);
    expect(await kit.advance(STEP_MS * 2)).not.toContain(id);
    expect(await kit.awaited(id)).toMatchObject({ id: charge.id }); // still the same charge, nothing re-sent

    await kit.reply(id, PaymentsChargeTopUpResultV1, { paymentId: `${id}-top-up-1`, outcome: 'succeeded' });
    await reserve(id, 'reserved');
    await open(id);
    await commit(id);
    expect(await kit.state(id)).toMatchObject({
      state: 'COMPLETED',
      data: { topUps: 1, topUp: { status: 'succeeded' } },
    });
    expect(await commandTypes(id)).toEqual([
      'payments.reserve-credit.v1',
      'payments.charge-top-up.v1',
      'payments.reserve-credit.v1',
      'access-gateway.open-court.v1',
      'payments.commit-credit.v1',
    ]);
  });

  it('releases the reservation when the access vendor fails, then ends FAILED with the reason', async () => {
    const { checkInId: id, memberId } = await checkIn();
    await reserve(id, 'reserved');
    await open(id, 'failed');
    expect(await kit.state(id)).toMatchObject({
      state: 'COMPENSATING',
      step: 'reserve-credit',
      compensationAttempts: 1,
    });
    expect(await kit.awaited(id)).toMatchObject({
      type: 'payments.release-credit.v1',
      data: { reservationId: id, reason: 'check-in did not complete' },
    });
    await release(id, 'released');

    expect(await kit.state(id)).toMatchObject({
      state: 'FAILED',
      reason: 'court did not open: access vendor unavailable',
    });
    expect((await kit.events(id)).map((e) => [e.type, e.data])).toEqual([
      [
        'access.checkin.failed.v1',
        {
          checkInId: id,
          memberId,
          courtId: 'court-7',
          reason: 'court did not open: access vendor unavailable',
        },
      ],
    ]);
    expect(await commandTypes(id)).not.toContain('payments.commit-credit.v1');
  });

  it('retries a release that keeps failing three times, then parks the check-in as NEEDS_ATTENTION', async () => {
    const { checkInId: id } = await checkIn();
    await reserve(id, 'reserved');
    await open(id, 'failed');
    await release(id, 'already-committed'); // not confirmed: sent again
    expect(await kit.state(id)).toMatchObject({ state: 'COMPENSATING', compensationAttempts: 2 });
    expect(await kit.expire(id)).toEqual([id]); // the second release gets no answer in time
    expect(await kit.state(id)).toMatchObject({ state: 'COMPENSATING', compensationAttempts: 3 });
    await release(id, 'already-committed');

    const end = await kit.state(id);
    expect(end).toMatchObject({ state: 'NEEDS_ATTENTION', step: null, deadlineAt: null });
    expect(end.reason).toContain('court did not open: access vendor unavailable');
    const releases = await kit.commands(id, 'payments.release-credit.v1');
    expect(releases).toHaveLength(3);
    expect(new Set(releases.map((r) => JSON.stringify(r.data))).size).toBe(1); // the same release, re-sent
    expect(await kit.events(id)).toEqual([
      expect.objectContaining({
        type: 'access.checkin.needs-attention.v1',
        data: expect.objectContaining({ checkInId: id, step: 'reserve-credit' }),
      }),
    ]);
  });

  it('compensates when a step outlives its deadline, and not a moment before', async () => {
    const { checkInId: id } = await checkIn();
    await reserve(id, 'reserved');
    expect(await kit.advance(STEP_MS - 1_000)).not.toContain(id); // the court has a second left to open
    expect(await kit.state(id)).toMatchObject({ state: 'RUNNING', step: 'open-court' });
    expect(await kit.advance(2_000)).toContain(id);
    expect(await kit.state(id)).toMatchObject({
      state: 'COMPENSATING',
      step: 'reserve-credit',
      reason: 'open-court timed out',
    });
    expect(await awaitedType(id)).toBe('payments.release-credit.v1');
    // The court answering late changes nothing; the release goes on.
    const late = kit.replyTo(
      (await kit.commands(id, 'access-gateway.open-court.v1'))[0],
      AccessGatewayOpenCourtResultV1,
      {
        checkInId: id,
        outcome: 'opened',
        sessionId: 'too-late',
      },
    );
    expect(await kit.deliver(late)).toMatchObject({ outcome: 'ignored' });
    await release(id, 'released');
    expect(await kit.state(id)).toMatchObject({ state: 'FAILED', reason: 'open-court timed out' });
  });

  it('applies each reply once: duplicated, re-sent and late replies change nothing', async () => {
    const { checkInId: id } = await checkIn({ topUpMethod: 'pix' });
    const short = await reserve(id, 'insufficient-credit', 2_500);
    expect(await kit.deliver(short.reply)).toMatchObject({ outcome: 'ignored', reason: 'duplicate reply' });

    const charge = (await kit.awaited(id))!;
    const pending = kit.replyTo(charge, PaymentsChargeTopUpResultV1, {
      paymentId: `${id}-top-up-1`,
      outcome: 'pending',
      pix: { qrCode: 'pix-code', expiresAt: new Date(Date.now() + PIX_MS).toISOString() },
    });
    const paid = kit.replyTo(charge, PaymentsChargeTopUpResultV1, {
      paymentId: `${id}-top-up-1`,
      outcome: 'succeeded',
    });
    // Reordered: the payment's success overtakes its "pending"; the late "pending" is ignored.
    expect(await kit.deliver(paid)).toMatchObject({ outcome: 'applied' });
    expect(await kit.deliver(pending)).toMatchObject({
      outcome: 'ignored',
      reason: 'the saga no longer awaits this command',
    });
    expect(await kit.deliver(paid)).toMatchObject({ outcome: 'ignored', reason: 'duplicate reply' });

    const reserved = await reserve(id, 'reserved');
    // The same answer re-sent by payments under a new message id.
    expect(await kit.deliver({ ...reserved.reply, id: randomUUID() })).toMatchObject({ outcome: 'ignored' });
    await open(id);
    const committed = await commit(id);
    expect(await kit.deliver(committed.reply)).toMatchObject({ outcome: 'ignored' });

    expect(await kit.state(id)).toMatchObject({ state: 'COMPLETED', version: 6, data: { topUps: 1 } });
    expect(await commandTypes(id)).toEqual([
      'payments.reserve-credit.v1',
      'payments.charge-top-up.v1',
      'payments.reserve-credit.v1',
      'access-gateway.open-court.v1',
      'payments.commit-credit.v1',
    ]);
    expect((await kit.events(id)).map((e) => e.type)).toEqual(['access.checkin.completed.v1']);
  });

  it('ends the same whatever earlier replies are delivered again, in any order, between the awaited ones (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 1, maxLength: 30 }),
        async (noise) => {
          const { checkInId: id } = await checkIn({ topUpMethod: 'pix' });
          const delivered: Envelope[] = [];
          let next = 0;
          /**
           * Redelivers a few earlier replies before the awaited one: the same delivery again, or the same
           * answer re-sent under a new id — except to the command still awaited, where a new id is a new
           * answer (a second "pending") that the saga rightly applies.
           */
          const redeliver = async () => {
            const awaited = (await kit.awaited(id))?.id;
            for (let i = 0; i < 2 && delivered.length > 0; i++, next++) {
              const [pick, resent] = noise[next % noise.length];
              const earlier = delivered[pick % delivered.length];
              const copy =
                resent && earlier.causationid !== awaited ? { ...earlier, id: randomUUID() } : earlier;
              expect((await kit.deliver(copy)).outcome).toBe('ignored');
            }
          };
          const answer = async (result: Promise<{ outcome: string; reply: Envelope }>) => {
            const { outcome, reply } = await result;
            expect(outcome).toBe('applied');
            delivered.push(reply);
            await redeliver();
          };
          await answer(reserve(id, 'insufficient-credit', 2_500));
          await answer(
            kit.reply(id, PaymentsChargeTopUpResultV1, {
              paymentId: `${id}-top-up-1`,
              outcome: 'pending',
              pix: { qrCode: 'pix-code', expiresAt: new Date(Date.now() + PIX_MS).toISOString() },
            }),
          );
          await answer(
            kit.reply(id, PaymentsChargeTopUpResultV1, { paymentId: `${id}-top-up-1`, outcome: 'succeeded' }),
          );
          await answer(reserve(id, 'reserved'));
          await answer(open(id));
          await answer(commit(id));

          expect(await kit.state(id)).toMatchObject({
            state: 'COMPLETED',
            version: 7,
            data: { topUps: 1, reserved: true },
          });
          expect(await commandTypes(id)).toEqual([
            'payments.reserve-credit.v1',
            'payments.charge-top-up.v1',
            'payments.reserve-credit.v1',
            'access-gateway.open-court.v1',
            'payments.commit-credit.v1',
          ]);
          expect((await kit.events(id)).map((e) => e.type)).toEqual(['access.checkin.completed.v1']);
        },
      ),
      { numRuns: 15 },
    );
  });
});
