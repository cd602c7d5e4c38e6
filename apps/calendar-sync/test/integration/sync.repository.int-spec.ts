import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '@sportclub/service-kit';
import { adminDatabaseUrl, createScratchDatabase, type ScratchDatabase } from '@sportclub/testing';
import { ConnectionsRepository } from '../../src/connections/infrastructure/connections.repository';
import { CALENDAR_SYNC_MIGRATIONS } from '../../src/migrations';
import type { Booking } from '../../src/sync/domain/booking';
import { SyncRepository } from '../../src/sync/infrastructure/sync.repository';

const SEALED = {
  keyId: 'k',
  iv: Buffer.alloc(12, 1),
  ciphertext: Buffer.from('x'),
  tag: Buffer.alloc(16, 2),
};

/**
 * The sync repository on a scratch PostgreSQL with calendar-sync's schema: which booking versions are
 * kept, which calendars a booking is due in, and how due writes are claimed — fairly between clubs,
 * never for a connection held by a rate limit or a club already at its limit.
 */
describe('SyncRepository (PostgreSQL)', () => {
  let db: ScratchDatabase;
  let data: DataSource;
  let sync: SyncRepository;
  const connections = new ConnectionsRepository();

  beforeAll(async () => {
    db = await createScratchDatabase('calendar_sync_repo');
    data = createDataSource(adminDatabaseUrl(db.name), CALENDAR_SYNC_MIGRATIONS);
    await data.initialize();
    await runMigrations(data);
    sync = new SyncRepository(data);
  });
  afterAll(async () => {
    await data?.destroy();
    await db?.drop();
  });

  async function connect(tenantId: string, memberId?: string): Promise<string> {
    const id = randomUUID();
    await data.transaction((tx) =>
      connections.connect(
        tx,
        {
          id,
          tenantId,
          scope: memberId ? 'member' : 'club',
          memberId,
          calendarId: 'primary',
          createdBy: 'staff',
        },
        SEALED,
      ),
    );
    return id;
  }
  const booking = (tenantId: string, over: Partial<Booking> = {}): Booking => ({
    tenantId,
    bookingId: randomUUID(),
    courtId: 'court-1',
    courtName: 'Quadra 1',
    kind: 'member',
    memberId: 'ana',
    startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    endsAt: new Date(Date.now() + 90_000_000).toISOString(),
    timeZone: 'America/Sao_Paulo',
    version: 1,
    cancelled: false,
    ...over,
  });
  const record = (b: Booking) =>
    data.transaction(async (tx) => ((await sync.recordBooking(tx, b)) ? sync.linkBooking(tx, b) : -1));

  it("keeps only newer versions, and makes a booking due in the club's calendar and its own member's only", async () => {
    const tenant = `club-${randomUUID().slice(0, 6)}`;
    const club = await connect(tenant);
    const ana = await connect(tenant, 'ana');
    const gabi = await connect(tenant, 'gabi');
    const b = booking(tenant);
    expect(await record(b)).toBe(2);
    expect(await record({ ...b, version: 2, startsAt: new Date(Date.now() + 7_200_000).toISOString() })).toBe(
      2,
    );
    // The first version again (a replay, a late duplicate): not kept, nothing made due.
    expect(await record(b)).toBe(-1);
    const due = await data.query('SELECT connection_id FROM event_link WHERE booking_id = $1', [b.bookingId]);
    expect(due.map((r: { connection_id: string }) => r.connection_id).sort()).toEqual([club, ana].sort());
    expect(due).not.toContainEqual({ connection_id: gabi });
    const [{ version }] = await data.query('SELECT version FROM booking WHERE booking_id = $1', [
      b.bookingId,
    ]);
    expect(version).toBe(2);
  });

  it('claims at most the per-club share of each club, skips busy clubs and paused connections, and leases what it claims', async () => {
    // What earlier tests left due is leased away first.
    await sync.claimWrites(1_000, 1_000, [], 600_000);
    const noisy = `club-${randomUUID().slice(0, 6)}`;
    const quiet = `club-${randomUUID().slice(0, 6)}`;
    const held = `club-${randomUUID().slice(0, 6)}`;
    await connect(noisy);
    await connect(quiet);
    const heldConnection = await connect(held);
    for (let i = 0; i < 10; i++) await record(booking(noisy));
    await record(booking(quiet));
    await record(booking(held));
    await sync.pause(heldConnection, new Date(Date.now() + 60_000));

    const first = await sync.claimWrites(5, 3, [], 60_000);
    const byClub = (claims: typeof first) =>
      claims.reduce<Record<string, number>>(
        (n, c) => ({ ...n, [c.connection.tenantId]: (n[c.connection.tenantId] ?? 0) + 1 }),
        {},
      );
    // The quiet club is served beside the noisy one; the rate-limited club waits.
    expect(byClub(first)).toEqual({ [noisy]: 3, [quiet]: 1 });
    // Leased: not claimed again; a club at its limit is skipped by name.
    const second = await sync.claimWrites(50, 3, [noisy], 60_000);
    expect(second).toEqual([]);
    const third = await sync.claimWrites(50, 3, [], 60_000);
    expect(byClub(third)).toEqual({ [noisy]: 3 });

    // Written: not due any more — unless the booking changed meanwhile.
    const [done, changed] = third;
    await sync.written(done.connection.id, done.booking.bookingId, done.booking.version);
    await record({ ...changed.booking, version: 2 });
    await sync.written(changed.connection.id, changed.booking.bookingId, 1);
    const dueAt = async (c: (typeof third)[number]) =>
      (
        await data.query('SELECT due_at FROM event_link WHERE connection_id = $1 AND booking_id = $2', [
          c.connection.id,
          c.booking.bookingId,
        ])
      )[0].due_at as Date | null;
    expect(await dueAt(done)).toBeNull();
    expect(await dueAt(changed)).not.toBeNull();
  });

  it('checks a notification against its channel token, and spaces the read backs it asks for', async () => {
    const id = await connect(`club-${randomUUID().slice(0, 6)}`);
    const channel = {
      id: randomUUID(),
      resourceId: 'r',
      tokenHash: Buffer.alloc(32, 7),
      expiresAt: new Date(Date.now() + 3_600_000),
    };
    await sync.saveChannel(id, channel);
    const dueIn = async () => {
      const [{ ms }] = await data.query(
        'SELECT extract(epoch FROM pull_due_at - now()) * 1000 AS ms FROM calendar_connection WHERE id = $1',
        [id],
      );
      return ms === null ? null : Number(ms);
    };
    await data.query(
      'UPDATE calendar_connection SET pull_due_at = NULL, last_synced_at = NULL WHERE id = $1',
      [id],
    );
    expect(await sync.notified(randomUUID(), channel.tokenHash, true)).toBe('unknown-channel');
    expect(await sync.notified(channel.id, Buffer.alloc(32, 8), true)).toBe('bad-token');
    expect(await sync.notified(channel.id, channel.tokenHash, false)).toBe('accepted'); // `sync`: opening only
    expect(await dueIn()).toBeNull();
    expect(await sync.notified(channel.id, channel.tokenHash, true)).toBe('due-now');
    expect(await dueIn()).toBeLessThanOrEqual(0);
    // Just read back: the next one waits for the spacing, however many notifications come.
    await data.query(
      'UPDATE calendar_connection SET pull_due_at = NULL, last_synced_at = now() WHERE id = $1',
      [id],
    );
    for (let i = 0; i < 5; i++)
      expect(await sync.notified(channel.id, channel.tokenHash, true)).toBe('accepted');
    const wait = await dueIn();
    expect(wait).toBeGreaterThan(1_000);
    expect(wait).toBeLessThanOrEqual(2_000);
  });

  it('forgets bookings that ended before the retention line, with their links, and spent consents', async () => {
    const tenant = `club-${randomUUID().slice(0, 6)}`;
    await connect(tenant);
    const old = booking(tenant, { startsAt: '2025-01-10T10:00:00.000Z', endsAt: '2025-01-10T11:00:00.000Z' });
    const upcoming = booking(tenant);
    await record(old);
    await record(upcoming);
    await data.query(
      `INSERT INTO oauth_state (state_hash, tenant_id, scope, member_id, requested_by, expires_at)
       VALUES ($1, $2, 'member', 'ana', 'ana', now() - interval '2 days')`,
      [Buffer.alloc(32, 9), tenant],
    );
    const cutoff = new Date('2025-06-01T00:00:00.000Z');
    let pruned = 0;
    for (let n; (n = await sync.prune(cutoff, 1)) > 0;) pruned += n;
    expect(pruned).toBeGreaterThanOrEqual(1);
    const left = await data.query('SELECT booking_id FROM booking WHERE tenant_id = $1', [tenant]);
    expect(left).toEqual([{ booking_id: upcoming.bookingId }]);
    expect(await data.query('SELECT 1 FROM event_link WHERE booking_id = $1', [old.bookingId])).toEqual([]);
    expect(
      await data.query('SELECT 1 FROM event_link WHERE booking_id = $1', [upcoming.bookingId]),
    ).toHaveLength(1);
    expect(await data.query('SELECT 1 FROM oauth_state WHERE tenant_id = $1', [tenant])).toEqual([]);
  });
});
