import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, ScheduledPasses } from '@sportclub/service-kit';
import type { CalendarSyncConfig } from '../../config/calendar-sync.config';
import { SyncTrigger } from '../../shared/application/sync-trigger';
import { PullChangesHandler, RENEW_BEFORE_MS } from '../application/pull-changes/pull-changes.handler';
import { SYNC_REPOSITORY, type SyncRepositoryPort } from '../application/ports/sync.repository.port';
import { WriteEventsHandler } from '../application/write-events/write-events.handler';

/**
 * Sync out: a pass on every booking change and every write that ends (kicked), and every second for
 * writes due later (retries, Retry-After) or left by a crashed replica (their lease ran out).
 */
@Injectable()
export class WriteEventsScheduler extends ScheduledPasses {
  constructor(
    private readonly writes: WriteEventsHandler,
    trigger: SyncTrigger,
  ) {
    super({ logger: 'WriteEvents', doing: 'writing events', everyMs: 1_000, atStart: true }, () =>
      writes.execute(),
    );
    trigger.on('write', () => this.kick());
  }

  override async beforeApplicationShutdown(): Promise<void> {
    await super.beforeApplicationShutdown();
    await this.writes.drain();
  }
}

/**
 * Sync back: a pass on every push notification and new connection (kicked), and every second for read
 * backs due later (spaced notifications, retries); once a minute a pass first makes due the connections
 * whose push channel is missing or ends within a day, or that were not read back for an hour (a
 * notification can be lost).
 */
@Injectable()
export class PullChangesScheduler extends ScheduledPasses {
  constructor(
    pulls: PullChangesHandler,
    @Inject(SYNC_REPOSITORY) sync: SyncRepositoryPort,
    trigger: SyncTrigger,
  ) {
    let renewedAt = 0;
    super(
      { logger: 'PullChanges', doing: 'reading calendars back', everyMs: 1_000, atStart: true },
      async () => {
        if (Date.now() - renewedAt >= 60_000) {
          renewedAt = Date.now();
          await sync.dueForRenewal(new Date(Date.now() + RENEW_BEFORE_MS));
        }
        return pulls.execute();
      },
    );
    trigger.on('pull', () => this.kick());
  }
}

/** Bookings per retention transaction. */
const PRUNE_BATCH = 1_000;

/**
 * Retention, hourly: bookings that ended more than BOOKING_RETENTION_DAYS ago are forgotten with their
 * links (their events stay in the calendars), in batches; spent consents go too.
 */
@Injectable()
export class RetentionScheduler extends ScheduledPasses {
  constructor(
    @Inject(SYNC_REPOSITORY) sync: SyncRepositoryPort,
    @Inject(SERVICE_CONFIG) config: CalendarSyncConfig,
  ) {
    super({ logger: 'Retention', doing: 'forgetting past bookings', everyMs: 3_600_000 }, async () => {
      const before = new Date(Date.now() - config.BOOKING_RETENTION_DAYS * 86_400_000);
      while ((await sync.prune(before, PRUNE_BATCH)) === PRUNE_BATCH);
    });
  }
}
