import { CircuitOpenError } from '@sportclub/resilience';
import type { CalendarSyncConfig } from '../../../config/calendar-sync.config';
import type { ConnectionGrants } from '../../../connections/application/connection-grants';
import type { Connection } from '../../../connections/domain/connection';
import {
  GrantRevokedError,
  RateLimitedError,
  type CalendarSession,
} from '../../../shared/application/ports/google.port';
import { SyncTrigger } from '../../../shared/application/sync-trigger';
import type { Booking } from '../../domain/booking';
import type { DueWrite, SyncRepositoryPort } from '../ports/sync.repository.port';
import type { UpcomingCachePort } from '../ports/upcoming-cache.port';
import { WriteEventsHandler } from './write-events.handler';

const connection = (tenantId: string): Connection => ({
  id: `conn-${tenantId}`,
  tenantId,
  scope: 'club',
  status: 'active',
  calendarId: 'club-calendar',
  createdBy: 'staff',
  createdAt: '2026-12-01T00:00:00.000Z',
  pendingBookings: 0,
});
const booking = (over: Partial<Booking> = {}): Booking => ({
  tenantId: 'club-a',
  bookingId: '0b7c6a34-3f2e-4a5b-9c1d-2e3f4a5b6c7d',
  courtId: 'court-1',
  courtName: 'Quadra 1',
  kind: 'member',
  memberId: 'ana',
  startsAt: '2026-12-10T22:00:00.000Z',
  endsAt: '2026-12-10T23:00:00.000Z',
  timeZone: 'America/Sao_Paulo',
  version: 2,
  cancelled: false,
  ...over,
});

/**
 * What a write's outcome does to its link and connection: written → recorded at the booking's
 * version; a rate limit → the connection held until Google's Retry-After; a refused grant → due again
 * (it waits for a reconnect); an outage → a later retry; any other refusal → given up with its error.
 */
describe('WriteEventsHandler', () => {
  function setup(outcome: (write: DueWrite) => Promise<void>) {
    const calls: string[] = [];
    const claims: DueWrite[][] = [];
    const repo = {
      claimWrites: jest.fn(async () => claims.shift() ?? []),
      written: jest.fn(async () => undefined),
      writeFailed: jest.fn(async () => undefined),
      pause: jest.fn(async () => undefined),
    };
    let current: DueWrite;
    const session = {
      putEvent: async (_calendar: string, event: { id: string }) => {
        calls.push(`put ${event.id}`);
        return outcome(current);
      },
      deleteEvent: async (_calendar: string, id: string) => {
        calls.push(`delete ${id}`);
        return outcome(current);
      },
    } as unknown as CalendarSession;
    const grants = {
      use: async (_c: Connection, work: (s: CalendarSession) => Promise<unknown>) => work(session),
    } as unknown as ConnectionGrants;
    const cache = { drop: jest.fn(async () => undefined) } as unknown as UpcomingCachePort;
    const config = { SYNC_CONCURRENCY: 4, SYNC_CONCURRENCY_PER_CLUB: 2 } as CalendarSyncConfig;
    const handler = new WriteEventsHandler(
      repo as unknown as SyncRepositoryPort,
      cache,
      config,
      grants,
      new SyncTrigger(),
    );
    const run = async (write: Omit<DueWrite, 'attempts'> & { attempts?: number }) => {
      current = { attempts: 1, ...write };
      claims.push([current]);
      await handler.execute();
      await handler.drain();
    };
    return { repo, calls, run, cache, handler, claims };
  }

  it('writes a booking and records the version written', async () => {
    const { repo, calls, run, cache } = setup(async () => undefined);
    await run({ connection: connection('club-a'), booking: booking(), eventId: 'e1', writtenVersion: 1 });
    expect(calls).toEqual(['put 0b7c6a343f2e4a5b9c1d2e3f4a5b6c7d']);
    expect(repo.written).toHaveBeenCalledWith('conn-club-a', booking().bookingId, 2);
    expect(cache.drop).toHaveBeenCalledWith('conn-club-a');
  });

  it('deletes a cancelled booking, and does not call Google for one never written', async () => {
    const { repo, calls, run } = setup(async () => undefined);
    await run({
      connection: connection('club-a'),
      booking: booking({ cancelled: true }),
      eventId: 'e1',
      writtenVersion: 1,
    });
    await run({
      connection: connection('club-a'),
      booking: booking({ cancelled: true }),
      eventId: 'e1',
      writtenVersion: 0,
    });
    expect(calls).toEqual(['delete e1']);
    expect(repo.written).toHaveBeenCalledTimes(2);
  });

  it("holds a rate-limited connection until Google's Retry-After, and only that one", async () => {
    const { repo, run } = setup(async () => {
      throw new RateLimitedError(7_000, 'rateLimitExceeded');
    });
    const before = Date.now();
    await run({ connection: connection('club-a'), booking: booking(), eventId: 'e1', writtenVersion: 1 });
    const [[id, until]] = repo.pause.mock.calls as unknown as [string, Date][];
    expect(id).toBe('conn-club-a');
    expect(until.getTime() - before).toBeGreaterThanOrEqual(7_000);
    expect(until.getTime() - before).toBeLessThan(8_000);
    expect(repo.writeFailed).toHaveBeenCalledWith(
      'conn-club-a',
      booking().bookingId,
      expect.any(String),
      until,
    );
    expect(repo.written).not.toHaveBeenCalled();
  });

  it('keeps the write due when the grant is refused, retries an outage later and gives up a refusal', async () => {
    const errors: unknown[] = [
      new GrantRevokedError('invalid_grant'),
      new CircuitOpenError('google-calendar', 'club-a'),
      Object.assign(new Error('Service Unavailable'), { status: 503 }),
      Object.assign(new Error('Invalid start time.'), { status: 400 }),
    ];
    const { repo, run } = setup(async () => {
      throw errors.shift();
    });
    for (let i = 0; i < 4; i++) {
      await run({
        connection: connection('club-a'),
        booking: booking(),
        eventId: 'e1',
        writtenVersion: 1,
        attempts: 3,
      });
    }
    const retryAt = (repo.writeFailed.mock.calls as unknown as [string, string, string, Date | null][]).map(
      ([, , , at]) => (at === null ? null : at.getTime() - Date.now()),
    );
    expect(retryAt[0]).toBeLessThanOrEqual(0); // due now: claims skip it until the connection is active again
    expect(retryAt[1]).toBeGreaterThan(100_000); // third attempt: 2 min later
    expect(retryAt[2]).toBeGreaterThan(100_000);
    expect(retryAt[3]).toBeNull(); // given up, error kept, until an operator re-sync
    expect(repo.pause).not.toHaveBeenCalled();
  });

  it("claims no more of a club than its share while that club's writes are in flight", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { repo, handler, claims } = setup(() => gate);
    claims.push([
      { connection: connection('club-a'), booking: booking(), eventId: 'e1', writtenVersion: 1, attempts: 1 },
      { connection: connection('club-a'), booking: booking(), eventId: 'e2', writtenVersion: 1, attempts: 1 },
    ]);
    await handler.execute();
    await handler.execute();
    // Two of club A in flight (its share): the next claim names it busy and asks for the free slots only.
    expect(repo.claimWrites).toHaveBeenLastCalledWith(2, 2, ['club-a'], expect.any(Number));
    release();
    await handler.drain();
  });
});
