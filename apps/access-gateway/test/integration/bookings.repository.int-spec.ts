import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '@sportclub/service-kit';
import { adminDatabaseUrl, createScratchDatabase, type ScratchDatabase } from '@sportclub/testing';
import type { NewBooking } from '../../src/bookings/application/ports/bookings.repository.port';
import { SlotTakenError } from '../../src/bookings/domain/booking';
import {
  CreateBookingPolicies1764800000200,
  CreateBookings1764800000100,
} from '../../src/bookings/infrastructure/bookings.migration';
import { PgBookingsRepository } from '../../src/bookings/infrastructure/bookings.repository';

/**
 * The bookings repository on a scratch PostgreSQL database with the bookings migration: the exclusion
 * constraint, not the application, keeps two booked slots of a court from overlapping — also when two
 * transactions book the same slot at the same moment.
 */
describe('court bookings (PostgreSQL exclusion constraint)', () => {
  const TENANT = 'club-aurora';
  let db: ScratchDatabase;
  let data: DataSource;
  let repo: PgBookingsRepository;

  beforeAll(async () => {
    db = await createScratchDatabase('access_gateway_bookings');
    data = createDataSource(adminDatabaseUrl(db.name), [
      CreateBookings1764800000100,
      CreateBookingPolicies1764800000200,
    ]);
    await data.initialize();
    await runMigrations(data);
    repo = new PgBookingsRepository(data);
  });
  afterAll(async () => {
    await data?.destroy();
    await db?.drop();
  });

  /** A fresh court per test, so tests share no slots. */
  const court = () => `court-${randomUUID().slice(0, 8)}`;
  const slot = (courtId: string, from: string, to: string, memberId = 'ana'): NewBooking => ({
    bookingId: randomUUID(),
    courtId,
    memberId,
    blockReason: null,
    startsAt: `2026-12-01T${from}:00.000Z`,
    endsAt: `2026-12-01T${to}:00.000Z`,
    bookedBy: memberId,
  });
  const book = (b: NewBooking, tenantId = TENANT) => data.transaction((tx) => repo.insert(tx, tenantId, b));
  const booked = async (courtId: string) =>
    (
      await repo.list(TENANT, {
        courtId,
        from: '2026-12-01T00:00:00.000Z',
        to: '2026-12-02T00:00:00.000Z',
        status: 'booked',
        limit: 100,
      })
    ).map((b) => [b.memberId, b.startsAt.slice(11, 16), b.endsAt.slice(11, 16)]);

  it('two transactions booking the same slot at once: exactly one wins, the other is told the slot is taken', async () => {
    const c = court();
    // Both inserts run before either commits: the second waits on the constraint, then fails.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const attempt = (memberId: string) =>
      data.transaction(async (tx) => {
        const result = await repo.insert(tx, TENANT, slot(c, '13:00', '14:00', memberId));
        await gate;
        return result;
      });
    const first = attempt('ana');
    await new Promise((r) => setTimeout(r, 100));
    const second = attempt('bia');
    await new Promise((r) => setTimeout(r, 200));
    release();
    const outcomes = await Promise.allSettled([first, second]);

    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(SlotTakenError);
    expect(refused.reason.details).toEqual({
      clash: { courtId: c, startsAt: '2026-12-01T13:00:00.000Z', endsAt: '2026-12-01T14:00:00.000Z' },
    });
    expect(await booked(c)).toHaveLength(1);
  });

  it('many members racing for one slot: one booking', async () => {
    const c = court();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => book(slot(c, '18:00', '19:00', `member-${i}`))),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(
      outcomes.filter((o) => o.status === 'rejected').every((o) => o.reason instanceof SlotTakenError),
    ).toBe(true);
    expect(await booked(c)).toHaveLength(1);
  });

  it('adjacent slots [10:00, 11:00) and [11:00, 12:00) are both allowed; an overlap by a minute is not', async () => {
    const c = court();
    await book(slot(c, '10:00', '11:00', 'ana'));
    await book(slot(c, '11:00', '12:00', 'bia'));
    await expect(book(slot(c, '11:59', '12:30', 'caio'))).rejects.toBeInstanceOf(SlotTakenError);
    expect(await booked(c)).toEqual([
      ['ana', '10:00', '11:00'],
      ['bia', '11:00', '12:00'],
    ]);
  });

  it('the same slot on another court, or in another club, is free', async () => {
    const c = court();
    await book(slot(c, '09:00', '10:00'));
    await book(slot(court(), '09:00', '10:00'));
    await book({ ...slot(c, '09:00', '10:00') }, 'club-boreal');
    expect(await booked(c)).toHaveLength(1);
  });

  it('a cancelled booking frees its slot', async () => {
    const c = court();
    const { booking } = await book(slot(c, '15:00', '16:00', 'ana'));
    await expect(book(slot(c, '15:00', '16:00', 'bia'))).rejects.toBeInstanceOf(SlotTakenError);
    const cancelled = await data.transaction((tx) => repo.cancel(tx, TENANT, booking.bookingId, 'rain'));
    expect(cancelled).toMatchObject({ status: 'cancelled', version: 2, cancelReason: 'rain' });
    await book(slot(c, '15:00', '16:00', 'bia'));
    expect(await booked(c)).toEqual([['bia', '15:00', '16:00']]);
  });

  it('a reschedule into a taken slot is refused and changes nothing; into a free one it moves', async () => {
    const c = court();
    const { booking: ana } = await book(slot(c, '08:00', '09:00', 'ana'));
    await book(slot(c, '10:00', '11:00', 'bia'));
    const move = (from: string, to: string) =>
      data.transaction((tx) =>
        repo.reschedule(tx, TENANT, ana.bookingId, {
          startsAt: `2026-12-01T${from}:00.000Z`,
          endsAt: `2026-12-01T${to}:00.000Z`,
        }),
      );
    await expect(move('09:30', '10:30')).rejects.toMatchObject({
      code: 'slot_taken',
      details: { clash: { startsAt: '2026-12-01T10:00:00.000Z', endsAt: '2026-12-01T11:00:00.000Z' } },
    });
    expect(await repo.find(TENANT, ana.bookingId)).toMatchObject({ startsAt: ana.startsAt, version: 1 });
    // Overlapping its own old slot is no clash.
    expect(await move('08:30', '09:30')).toMatchObject({ startsAt: '2026-12-01T08:30:00.000Z', version: 2 });
    expect(await booked(c)).toEqual([
      ['ana', '08:30', '09:30'],
      ['bia', '10:00', '11:00'],
    ]);
  });

  it('a retried insert of the same booking id answers the stored booking, not a conflict', async () => {
    const b = slot(court(), '20:00', '21:00');
    expect((await book(b)).created).toBe(true);
    expect(await book(b)).toMatchObject({ created: false, booking: { bookingId: b.bookingId, version: 1 } });
  });

  it('finds the booking holding a court at an instant (half-open: not at its end)', async () => {
    const c = court();
    await book(slot(c, '16:00', '17:00', 'ana'));
    expect(await repo.findAt(TENANT, c, '2026-12-01T16:30:00.000Z')).toMatchObject({ memberId: 'ana' });
    expect(await repo.findAt(TENANT, c, '2026-12-01T17:00:00.000Z')).toBeUndefined();
    expect(await repo.findAt('club-boreal', c, '2026-12-01T16:30:00.000Z')).toBeUndefined();
  });

  it('the database refuses a row that is neither a member booking nor a block, or ends before it starts', async () => {
    const c = court();
    await expect(book({ ...slot(c, '06:00', '07:00'), memberId: null })).rejects.toThrow(/check constraint/);
    await expect(book(slot(c, '07:00', '06:00'))).rejects.toThrow(/check constraint/);
  });
});
