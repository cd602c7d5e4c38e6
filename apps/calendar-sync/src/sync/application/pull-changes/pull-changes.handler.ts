import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CalendarLinkRestoredV1 } from '@sportclub/contracts';
import { CircuitOpenError } from '@sportclub/resilience';
import { SERVICE_CONFIG, TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import type { CalendarSyncConfig } from '../../../config/calendar-sync.config';
import { ConnectionGrants } from '../../../connections/application/connection-grants';
import type { Connection } from '../../../connections/domain/connection';
import {
  GrantRevokedError,
  RateLimitedError,
  SyncTokenExpiredError,
  type CalendarSession,
  type ChangesPage,
  type GoogleEvent,
} from '../../../shared/application/ports/google.port';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import { SyncTrigger } from '../../../shared/application/sync-trigger';
import { secretHash } from '../../../shared/domain/secrets';
import { driftOf } from '../../domain/booking';
import { SYNC_REPOSITORY, type SyncRepositoryPort } from '../ports/sync.repository.port';
import { UPCOMING_CACHE, type UpcomingCachePort } from '../ports/upcoming-cache.port';

/** Connections read back in one pass. */
const BATCH = 16;
/** How long a claimed read back is held before another pass may take it. */
const LEASE_MS = 120_000;
/** A failed read back is tried again this much later. */
const RETRY_MS = 30_000;
/** Channels are renewed when they have less than this left. */
export const RENEW_BEFORE_MS = 24 * 3_600_000;

/**
 * Sync back (Google's incremental sync): the changes since the connection's sync token, page by page —
 * or, with no token (a first sync, a `410 Gone`), everything, deleted events included. The platform's
 * bookings are the source of truth: an event the member deleted or moved is written back as the
 * booking is and the member told (`calendar.link.restored.v1`); a cancelled booking's event that came
 * back is deleted again. Events the platform did not write are left alone. A first sync also queues
 * every upcoming booking; each read back ends by opening or renewing the connection's push channel.
 */
@Injectable()
export class PullChangesHandler {
  private readonly logger = new Logger('PullChanges');

  constructor(
    @Inject(SYNC_REPOSITORY) private readonly sync: SyncRepositoryPort,
    @Inject(UPCOMING_CACHE) private readonly cache: UpcomingCachePort,
    @Inject(TRANSACTIONS) private readonly transactions: Transactions,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
    @Inject(SERVICE_CONFIG) private readonly config: CalendarSyncConfig,
    private readonly grants: ConnectionGrants,
    private readonly trigger: SyncTrigger,
  ) {}

  /** Reads back every connection that is due; answers how many. */
  async execute(): Promise<number> {
    let done = 0;
    for (;;) {
      const claimed = await this.sync.claimPulls(BATCH, LEASE_MS);
      await Promise.all(claimed.map(({ connection, lease }) => this.pull(connection, lease)));
      done += claimed.length;
      if (claimed.length < BATCH) return done;
    }
  }

  private async pull(connection: Connection, lease: string): Promise<void> {
    try {
      await this.grants.use(connection, async (session) => {
        await this.readBack(connection, lease, session);
        await this.keepChannel(connection, session);
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof GrantRevokedError) return; // broken: nothing is read until a reconnect
      if (error instanceof RateLimitedError) {
        const until = new Date(Date.now() + error.retryAfterMs);
        await this.sync.pause(connection.id, until);
        return this.sync.pullFailed(connection.id, lease, until);
      }
      if (!(error instanceof CircuitOpenError)) this.logger.warn(`reading back ${connection.id}: ${message}`);
      await this.sync.pullFailed(connection.id, lease, new Date(Date.now() + RETRY_MS));
    }
  }

  private async readBack(connection: Connection, lease: string, session: CalendarSession): Promise<void> {
    let syncToken = connection.syncToken;
    if (!syncToken) await this.queueUpcoming(connection);
    let pageToken: string | undefined;
    let changed = false;
    for (;;) {
      let page: ChangesPage;
      try {
        page = await session.changes(connection.calendarId, syncToken, pageToken);
      } catch (error) {
        if (!(error instanceof SyncTokenExpiredError)) throw error;
        // Google's answer to a stale token: start over with a full listing (event ids keep it duplicate-free).
        this.logger.log(`${connection.id}: sync token expired, listing everything again`);
        syncToken = undefined;
        pageToken = undefined;
        continue;
      }
      changed ||= page.events.length > 0;
      await this.reconcile(connection, page.events);
      if (page.nextPageToken) {
        pageToken = page.nextPageToken;
        continue;
      }
      const nextSyncToken = page.nextSyncToken;
      await this.transactions.run((tx) => this.sync.pulled(tx, connection.id, lease, nextSyncToken));
      break;
    }
    if (changed) await this.cache.drop(connection.id);
  }

  private async queueUpcoming(connection: Connection): Promise<void> {
    const queued = await this.transactions.run((tx) => this.sync.linkUpcoming(tx, connection));
    if (queued > 0) this.trigger.kick('write');
  }

  private async reconcile(connection: Connection, events: GoogleEvent[]): Promise<void> {
    if (events.length === 0) return;
    const redo = await this.transactions.run(async (tx) => {
      const linked = await this.sync.linkedBookings(
        tx,
        connection.id,
        events.map((e) => e.id),
      );
      const bookingIds: string[] = [];
      for (const event of events) {
        const link = linked.get(event.id);
        // Not the platform's event, or one whose write is still on its way: nothing to judge.
        if (!link || link.due) continue;
        const drift = driftOf(link.booking, event);
        if (drift === 'none') continue;
        bookingIds.push(link.booking.bookingId);
        if (drift === 'revived') continue;
        const { booking } = link;
        await this.outbox.publish(
          tx,
          CalendarLinkRestoredV1.envelope({
            source: 'calendar-sync',
            tenantId: connection.tenantId,
            subject: booking.bookingId,
            data: {
              connectionId: connection.id,
              bookingId: booking.bookingId,
              ...(connection.memberId && { memberId: connection.memberId }),
              eventId: event.id,
              change: drift,
              courtName: booking.courtName,
              startsAt: booking.startsAt,
              endsAt: booking.endsAt,
              timeZone: booking.timeZone,
            },
          }),
        );
      }
      await this.sync.redo(tx, connection.id, bookingIds);
      return bookingIds.length;
    });
    if (redo > 0) this.trigger.kick('write');
  }

  /** Opens the connection's push channel, or a new one when it ends within a day (the old one stopped). */
  private async keepChannel(connection: Connection, session: CalendarSession): Promise<void> {
    const old = connection.channel;
    if (old && Date.parse(old.expiresAt) - Date.now() > RENEW_BEFORE_MS) return;
    const token = randomBytes(32).toString('base64url');
    const id = randomUUID();
    const opened = await session.watch(connection.calendarId, {
      id,
      token,
      address: `${this.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/webhooks/google/calendar`,
      expiresAt: Date.now() + this.config.CHANNEL_TTL_HOURS * 3_600_000,
    });
    await this.sync.saveChannel(connection.id, {
      id,
      resourceId: opened.resourceId,
      tokenHash: secretHash(token),
      expiresAt: new Date(opened.expiresAt),
    });
    if (old) {
      await session
        .stopChannel(old)
        .catch((error: Error) => this.logger.warn(`stopping channel ${old.id}: ${error.message}`));
    }
  }
}
