import { Inject, Injectable, Logger } from '@nestjs/common';
import { CircuitOpenError, isTransientError } from '@sportclub/resilience';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { CalendarSyncConfig } from '../../../config/calendar-sync.config';
import { ConnectionGrants } from '../../../connections/application/connection-grants';
import { GrantRevokedError, RateLimitedError } from '../../../shared/application/ports/google.port';
import { SyncTrigger } from '../../../shared/application/sync-trigger';
import { desiredEvent } from '../../domain/booking';
import { SYNC_REPOSITORY, type DueWrite, type SyncRepositoryPort } from '../ports/sync.repository.port';
import { UPCOMING_CACHE, type UpcomingCachePort } from '../ports/upcoming-cache.port';

/** How long a claimed write is held before another pass may take it (beyond the 15 s timeout × 4 tries). */
const LEASE_MS = 90_000;
/** After the resilience layer's own retries: the next attempt in 30 s, doubling, at most an hour apart. */
const retryDelayMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

/**
 * Sync out: writes due booking events to Google — insert with the booking's own event id, replace, or
 * delete — outside any transaction, then records what was written. Writes run concurrently up to
 * SYNC_CONCURRENCY, at most SYNC_CONCURRENCY_PER_CLUB for one club, so a club whose Google calls are
 * slow or failing holds only its own slots. A rate limit holds that connection until Google's
 * Retry-After; a refused grant breaks the connection (its writes wait for a reconnect); a 4xx that no
 * retry can change is kept as the link's error until an operator re-sync.
 */
@Injectable()
export class WriteEventsHandler {
  private readonly logger = new Logger('WriteEvents');
  private readonly inFlight = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  /** Whether the last claim filled every free slot (more may be due). */
  private more = false;

  constructor(
    @Inject(SYNC_REPOSITORY) private readonly sync: SyncRepositoryPort,
    @Inject(UPCOMING_CACHE) private readonly cache: UpcomingCachePort,
    @Inject(SERVICE_CONFIG) private readonly config: CalendarSyncConfig,
    private readonly grants: ConnectionGrants,
    private readonly trigger: SyncTrigger,
  ) {}

  /** Claims as many due writes as there are free slots and starts them; answers how many it started. */
  async execute(): Promise<number> {
    const free = this.config.SYNC_CONCURRENCY - this.running.size;
    if (free <= 0) {
      // Woken with every slot taken: claim when one frees up.
      this.more = true;
      return 0;
    }
    const perClub = this.config.SYNC_CONCURRENCY_PER_CLUB;
    const busy = [...this.inFlight].filter(([, n]) => n >= perClub).map(([club]) => club);
    const writes = await this.sync.claimWrites(free, perClub, busy, LEASE_MS);
    // Fewer than asked: nothing else is due now; what becomes due wakes the worker itself.
    this.more = writes.length === free;
    for (const write of writes) this.start(write);
    return writes.length;
  }

  /** Waits for the writes in flight (at shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private start(write: DueWrite): void {
    const club = write.connection.tenantId;
    this.inFlight.set(club, (this.inFlight.get(club) ?? 0) + 1);
    const run = this.write(write)
      .catch((error: Error) => this.logger.error(`recording a write: ${error.message}`))
      .finally(() => {
        const left = (this.inFlight.get(club) ?? 1) - 1;
        if (left > 0) this.inFlight.set(club, left);
        else this.inFlight.delete(club);
        this.running.delete(run);
        // A slot is free: take more, if the last claim left some.
        if (this.more) this.trigger.kick('write');
      });
    this.running.add(run);
  }

  private async write({ connection, booking, eventId, writtenVersion, attempts }: DueWrite): Promise<void> {
    const ids = [connection.id, booking.bookingId] as const;
    // A booking cancelled before its event was ever written has nothing to undo.
    if (!(booking.cancelled && writtenVersion === 0)) {
      try {
        await this.grants.use(connection, (session) =>
          booking.cancelled
            ? session.deleteEvent(connection.calendarId, eventId)
            : session.putEvent(
                connection.calendarId,
                desiredEvent(booking, connection.scope),
                writtenVersion > 0,
              ),
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof RateLimitedError) {
          const until = new Date(Date.now() + error.retryAfterMs);
          await this.sync.pause(connection.id, until);
          return this.sync.writeFailed(...ids, message, until);
        }
        // The connection is broken now: the write waits (due) for the owner to connect again.
        if (error instanceof GrantRevokedError) return this.sync.writeFailed(...ids, message, new Date());
        if (error instanceof CircuitOpenError || isTransientError(error)) {
          return this.sync.writeFailed(...ids, message, new Date(Date.now() + retryDelayMs(attempts)));
        }
        this.logger.warn(`booking ${booking.bookingId} in ${connection.id}: ${message} (given up)`);
        return this.sync.writeFailed(...ids, message, null);
      }
    }
    await this.sync.written(...ids, booking.version);
    await this.cache.drop(connection.id);
  }
}
