import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { createDataSource, runMigrations } from '@sportclub/service-kit';
import { adminDatabaseUrl, createScratchDatabase, type ScratchDatabase } from '@sportclub/testing';
import type { Delivery } from '../../src/deliveries/domain/delivery';
import { DeliveriesRepository } from '../../src/deliveries/infrastructure/deliveries.repository';
import { NOTIFICATIONS_MIGRATIONS } from '../../src/migrations';
import type { Route } from '../../src/shared/domain/channels';

const WHATSAPP: Route = { channel: 'whatsapp', provider: 'twilio' };

/**
 * The deliveries repository's attempt records on a scratch PostgreSQL database with notifications'
 * migration: what a re-run learns of an attempt an earlier run began (the reconciliation's input).
 */
describe('DeliveriesRepository attempts (PostgreSQL)', () => {
  let db: ScratchDatabase;
  let data: DataSource;
  const repo = new DeliveriesRepository();

  beforeAll(async () => {
    db = await createScratchDatabase('notifications_deliveries');
    data = createDataSource(adminDatabaseUrl(db.name), NOTIFICATIONS_MIGRATIONS);
    await data.initialize();
    await runMigrations(data);
  });
  afterAll(async () => {
    await data?.destroy();
    await db?.drop();
  });

  async function planned(heldUntil?: Date): Promise<Delivery> {
    const d: Delivery = {
      deliveryId: randomUUID(),
      tenantId: 'club-aurora',
      memberId: `member-${randomUUID().slice(0, 8)}`,
      kind: 'checkin.completed',
      status: 'pending',
      routes: [WHATSAPP, { channel: 'email', provider: 'smtp' }],
      current: 0,
      attempts: 0,
      rounds: 0,
      ruledOut: [],
      variables: {},
      ...(heldUntil && { heldUntil: heldUntil.toISOString() }),
      createdAt: new Date().toISOString(),
    };
    await data.transaction((tx) => repo.insert(tx, d, `event-${d.deliveryId}`));
    return d;
  }

  it('a new attempt is this run’s; the same route again is the earlier run’s, taken over as it was', async () => {
    const d = await planned();
    const before = Date.now();
    const first = await data.transaction((tx) => repo.startAttempt(tx, d.deliveryId, 0, WHATSAPP));
    expect(first).toMatchObject({ routeIndex: 0, status: 'calling', takenOver: false });
    expect(first.startedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Math.abs(Date.parse(first.startedAt) - before)).toBeLessThan(5_000);

    const again = await data.transaction((tx) => repo.startAttempt(tx, d.deliveryId, 0, WHATSAPP));
    expect(again).toEqual({ ...first, takenOver: true });
    expect((await data.transaction((tx) => repo.find(tx, d.deliveryId)))!.attempts).toBe(1);

    await data.transaction((tx) => repo.finishAttempt(tx, first.attemptId, { providerMessageId: 'SM1' }));
    const finished = await data.transaction((tx) => repo.startAttempt(tx, d.deliveryId, 0, WHATSAPP));
    expect(finished).toMatchObject({ status: 'accepted', providerMessageId: 'SM1', takenOver: true });
  });

  it('isRecorded: whether some attempt at that provider holds the message id', async () => {
    const d = await planned();
    const sid = `SM${randomUUID().replaceAll('-', '')}`;
    const attempt = await data.transaction((tx) => repo.startAttempt(tx, d.deliveryId, 0, WHATSAPP));
    expect(await data.transaction((tx) => repo.isRecorded(tx, 'twilio', sid))).toBe(false);

    await data.transaction((tx) => repo.finishAttempt(tx, attempt.attemptId, { providerMessageId: sid }));
    expect(await data.transaction((tx) => repo.isRecorded(tx, 'twilio', sid))).toBe(true);
    expect(await data.transaction((tx) => repo.isRecorded(tx, 'whatsapp-cloud', sid))).toBe(false);
    expect(await data.transaction((tx) => repo.isRecorded(tx, 'twilio', `${sid}0`))).toBe(false);
  });

  it('a move applies only from the route it was decided on, counting rounds and ruling a channel out once', async () => {
    const d = await planned();
    const move = (from: number, to: Parameters<typeof repo.advance>[3]) =>
      data.transaction((tx) => repo.advance(tx, d.deliveryId, from, to));
    expect(
      await move(0, { status: 'pending', next: 1, reason: 'refused', ruleOut: 'whatsapp' }),
    ).toBeDefined();
    expect(await move(0, { status: 'pending', next: 1, reason: 'a stale run' })).toBeUndefined();
    const round = {
      status: 'pending' as const,
      reason: 'down',
      ruleOut: 'whatsapp' as const,
      newRound: true as const,
    };
    expect(await move(1, { ...round, next: 1 })).toBeDefined();
    expect(await data.transaction((tx) => repo.find(tx, d.deliveryId))).toMatchObject({
      current: 1,
      rounds: 1,
      ruledOut: ['whatsapp'],
    });
  });

  it('pages through deliveries that share one creation instant by cursor, none skipped or repeated', async () => {
    const tenantId = `club-paging-${randomUUID().slice(0, 8)}`;
    const made = await data.transaction(async (tx) => {
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) {
        const d: Delivery = { ...(await planned()), deliveryId: randomUUID(), tenantId };
        await repo.insert(tx, d, `announcement-${i}`);
        ids.push(d.deliveryId);
      }
      return ids; // one transaction: one now() for all seven
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 5; pages++) {
      const page = await data.transaction((tx) => repo.list(tx, tenantId, { limit: 3, cursor }));
      seen.push(...page.deliveries.map((d) => d.deliveryId));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen.slice().sort()).toEqual(made.slice().sort());
    expect(new Set(seen).size).toBe(7);
  });

  it('releases held deliveries once their hold has ended, each once', async () => {
    const due = await planned(new Date(Date.now() - 1_000));
    const later = await planned(new Date(Date.now() + 3_600_000));
    const released = await data.transaction((tx) => repo.releaseHeld(tx, 100));
    expect(released.map((d) => d.deliveryId)).toContain(due.deliveryId);
    expect(released.map((d) => d.deliveryId)).not.toContain(later.deliveryId);
    expect(released.find((d) => d.deliveryId === due.deliveryId)?.heldUntil).toBeUndefined();
    const again = await data.transaction((tx) => repo.releaseHeld(tx, 100));
    expect(again.map((d) => d.deliveryId)).not.toContain(due.deliveryId);
  });

  it('one run holds an attempt: claimed only once its hold lapsed or it failed, renewed only by its holder', async () => {
    const d = await planned();
    const tx = <T>(work: (t: EntityManager) => Promise<T>) => data.transaction(work);
    const a = await tx((t) => repo.startAttempt(t, d.deliveryId, 0, WHATSAPP));
    expect(a.claims).toBe(0);
    // a live run's hold (just started) is not taken; a lapsed one is, by one run only
    expect(await tx((t) => repo.claimAttempt(t, a.attemptId, 0, 60_000))).toBe(false);
    expect(await tx((t) => repo.claimAttempt(t, a.attemptId, 0, 0))).toBe(true);
    expect(await tx((t) => repo.claimAttempt(t, a.attemptId, 0, 0))).toBe(false);
    // the first run's renewal fails (it no longer holds it); the claimer's succeeds
    expect(await tx((t) => repo.renewAttempt(t, a.attemptId, 0))).toBe(false);
    expect(await tx((t) => repo.renewAttempt(t, a.attemptId, 1))).toBe(true);
    const held = await tx((t) => repo.startAttempt(t, d.deliveryId, 0, WHATSAPP));
    expect(held).toMatchObject({ status: 'calling', claims: 1, takenOver: true });
    expect(Date.parse(held.heldSince)).toBeGreaterThan(Date.parse(held.startedAt));

    // a failed attempt (an outage round tries the route again) is claimed at once and calling again
    await tx((t) => repo.finishAttempt(t, a.attemptId, { error: '503' }));
    expect(await tx((t) => repo.claimAttempt(t, a.attemptId, 1, 60_000))).toBe(true);
    expect(await tx((t) => repo.startAttempt(t, d.deliveryId, 0, WHATSAPP))).toMatchObject({
      status: 'calling',
      claims: 2,
    });
    // an accepted one never is
    await tx((t) => repo.finishAttempt(t, a.attemptId, { providerMessageId: 'SM2' }));
    expect(await tx((t) => repo.claimAttempt(t, a.attemptId, 2, 0))).toBe(false);
  });

  it('a status for a message whose acceptance is being recorded waits for the record, then finds it', async () => {
    const d = await planned();
    const a = await data.transaction((t) => repo.startAttempt(t, d.deliveryId, 0, WHATSAPP));
    const sid = `SM${randomUUID().replaceAll('-', '')}`;
    let recording!: () => void;
    const begun = new Promise<void>((r) => (recording = r));
    // The send's conclusion: locks the message, records the acceptance, takes what was kept early.
    const conclusion = data.transaction(async (t) => {
      await repo.lockProviderMessage(t, 'twilio', sid);
      await repo.finishAttempt(t, a.attemptId, { providerMessageId: sid });
      recording();
      await new Promise((r) => setTimeout(r, 200)); // the callback's transaction arrives meanwhile
      return repo.takeEarlyStatuses(t, 'club-aurora', 'twilio', sid);
    });
    await begun;
    // The callback's: without the lock it would look now, find nothing (uncommitted) and keep the status
    // early — after the conclusion's take, so for ever.
    const found = await data.transaction(async (t) => {
      await repo.lockProviderMessage(t, 'twilio', sid);
      return repo.findByProviderMessage(t, 'twilio', sid);
    });
    expect(await conclusion).toEqual([]);
    expect(found).toMatchObject({ delivery: { deliveryId: d.deliveryId }, routeIndex: 0 });
  });
});
