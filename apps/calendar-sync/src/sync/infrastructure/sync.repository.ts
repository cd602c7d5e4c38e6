import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isoUtc, type Transaction } from '@sportclub/service-kit';
import {
  CONNECTION_COLUMNS,
  toConnection,
  type ConnectionRow,
} from '../../connections/infrastructure/connections.repository';
import type { Connection } from '../../connections/domain/connection';
import { eventIdOf, type Booking } from '../domain/booking';
import type {
  DueWrite,
  LinkedBooking,
  Notified,
  SyncRepositoryPort,
} from '../application/ports/sync.repository.port';

/** A booking's columns, prefixed so they can stand beside a connection's. */
const BOOKING_COLUMNS = `b.tenant_id AS b_tenant_id, b.booking_id AS b_booking_id, b.court_id AS b_court_id,
  b.court_name AS b_court_name, b.kind AS b_kind, b.member_id AS b_member_id, b.block_reason AS b_block_reason,
  ${isoUtc('b.starts_at')} AS b_starts_at, ${isoUtc('b.ends_at')} AS b_ends_at, b.time_zone AS b_time_zone,
  b.version AS b_version, b.cancelled AS b_cancelled`;

/** The least time between two read backs of one connection that push notifications start. */
export const PULL_SPACING_MS = 2_000;
const SPACED = `greatest(now(), coalesce(x.last_synced_at + make_interval(secs => $4 / 1000.0), now()))`;

/** Which bookings a connection holds: the club's all, a member's their own. */
const HOLDS = `(c.scope = 'club' OR (b.kind = 'member' AND b.member_id = c.member_id))`;

/** Bookings, event links and the sync workers' claims in SQL. */
@Injectable()
export class SyncRepository implements SyncRepositoryPort {
  constructor(private readonly db: DataSource) {}

  async recordBooking(tx: Transaction, b: Booking): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      `INSERT INTO booking AS b (tenant_id, booking_id, court_id, court_name, kind, member_id, block_reason,
         starts_at, ends_at, time_zone, version, cancelled)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (tenant_id, booking_id) DO UPDATE SET court_name = EXCLUDED.court_name,
         starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, time_zone = EXCLUDED.time_zone,
         block_reason = EXCLUDED.block_reason, version = EXCLUDED.version, cancelled = EXCLUDED.cancelled
       WHERE b.version < EXCLUDED.version
       RETURNING 1`,
      [
        b.tenantId,
        b.bookingId,
        b.courtId,
        b.courtName,
        b.kind,
        b.memberId ?? null,
        b.blockReason ?? null,
        b.startsAt,
        b.endsAt,
        b.timeZone,
        b.version,
        b.cancelled,
      ],
    );
    return rows.length > 0;
  }

  async linkBooking(tx: Transaction, b: Booking): Promise<number> {
    const rows = await tx.query<unknown[]>(
      `INSERT INTO event_link (connection_id, booking_id, tenant_id, event_id, due_at)
       SELECT c.id, b.booking_id, b.tenant_id, $3, now()
       FROM calendar_connection c JOIN booking b ON b.tenant_id = c.tenant_id AND b.booking_id = $2
       WHERE c.tenant_id = $1 AND c.status = 'active' AND ${HOLDS}
       ON CONFLICT (connection_id, booking_id) DO UPDATE SET due_at = now(), attempts = 0, last_error = NULL
       RETURNING 1`,
      [b.tenantId, b.bookingId, eventIdOf(b.bookingId)],
    );
    return rows.length;
  }

  async linkUpcoming(tx: Transaction, c: Connection): Promise<number> {
    const rows = await tx.query<{ booking_id: string }[]>(
      `SELECT b.booking_id FROM booking b JOIN calendar_connection c ON c.id = $2
       WHERE b.tenant_id = $1 AND b.ends_at > now() AND NOT b.cancelled AND ${HOLDS}`,
      [c.tenantId, c.id],
    );
    await tx.query(
      `INSERT INTO event_link (connection_id, booking_id, tenant_id, event_id, due_at)
       SELECT $1, t.id::uuid, $2, t.event_id, now() FROM unnest($3::text[], $4::text[]) AS t (id, event_id)
       ON CONFLICT (connection_id, booking_id) DO UPDATE SET due_at = now(), attempts = 0, last_error = NULL`,
      [c.id, c.tenantId, rows.map((r) => r.booking_id), rows.map((r) => eventIdOf(r.booking_id))],
    );
    return rows.length;
  }

  async claimWrites(
    limit: number,
    perClub: number,
    busyClubs: string[],
    leaseMs: number,
  ): Promise<DueWrite[]> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<(ConnectionRow & BookingRow & LinkRow)[]>(
        `WITH due AS (
           SELECT l.connection_id, l.booking_id FROM event_link l
           JOIN calendar_connection c ON c.id = l.connection_id
           WHERE l.due_at <= now() AND c.status = 'active' AND (c.paused_until IS NULL OR c.paused_until <= now())
             AND NOT (l.tenant_id = ANY($4::text[]))
           ORDER BY l.due_at LIMIT $1 * 4
           FOR UPDATE OF l SKIP LOCKED
         ), fair AS (
           -- Round-robin over clubs: each club's oldest first, at most $2 of one club.
           SELECT d.*, row_number() OVER (PARTITION BY l.tenant_id ORDER BY l.due_at) AS n, l.due_at
           FROM due d JOIN event_link l USING (connection_id, booking_id)
         ), pick AS (
           SELECT connection_id, booking_id FROM fair WHERE n <= $2 ORDER BY n, due_at LIMIT $1
         ), claimed AS (
           UPDATE event_link l SET due_at = now() + make_interval(secs => $3 / 1000.0), attempts = l.attempts + 1
           FROM pick p WHERE l.connection_id = p.connection_id AND l.booking_id = p.booking_id
           RETURNING l.connection_id, l.booking_id, l.event_id, l.written_version, l.attempts
         )
         SELECT ${CONNECTION_COLUMNS}, ${BOOKING_COLUMNS}, k.event_id, k.written_version, k.attempts
         FROM claimed k JOIN calendar_connection c ON c.id = k.connection_id
         JOIN booking b ON b.tenant_id = c.tenant_id AND b.booking_id = k.booking_id`,
        [limit, perClub, leaseMs, busyClubs],
      );
      return rows.map((r) => ({
        connection: toConnection(r),
        booking: toBooking(r),
        eventId: r.event_id,
        writtenVersion: r.written_version,
        attempts: r.attempts,
      }));
    });
  }

  async written(connectionId: string, bookingId: string, version: number): Promise<void> {
    // Due again at once if the booking changed while it was written.
    await this.db.query(
      `UPDATE event_link l SET written_version = $3, attempts = 0, last_error = NULL,
         due_at = CASE WHEN b.version > $3 THEN now() ELSE NULL END
       FROM booking b WHERE l.connection_id = $1 AND l.booking_id = $2
         AND b.tenant_id = l.tenant_id AND b.booking_id = l.booking_id`,
      [connectionId, bookingId, version],
    );
  }

  async writeFailed(
    connectionId: string,
    bookingId: string,
    error: string,
    retryAt: Date | null,
  ): Promise<void> {
    await this.db.query(
      'UPDATE event_link SET due_at = $3, last_error = $4 WHERE connection_id = $1 AND booking_id = $2',
      [connectionId, bookingId, retryAt, error.slice(0, 500)],
    );
  }

  async pause(connectionId: string, until: Date): Promise<void> {
    await this.db.query(
      `UPDATE calendar_connection SET paused_until = greatest(coalesce(paused_until, $2), $2) WHERE id = $1`,
      [connectionId, until],
    );
  }

  async claimPulls(limit: number, leaseMs: number): Promise<{ connection: Connection; lease: string }[]> {
    const rows = await this.db.query<(ConnectionRow & { lease: string })[]>(
      `WITH due AS (
         SELECT id FROM calendar_connection
         WHERE pull_due_at <= now() AND status = 'active' AND (paused_until IS NULL OR paused_until <= now())
         ORDER BY pull_due_at LIMIT $1 FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE calendar_connection c SET pull_due_at = date_trunc('milliseconds', now()) + make_interval(secs => $2 / 1000.0)
         FROM due WHERE c.id = due.id RETURNING c.*
       )
       SELECT ${CONNECTION_COLUMNS}, ${isoUtc('c.pull_due_at')} AS lease FROM claimed c`,
      [limit, leaseMs],
    );
    return rows.map((r) => ({ connection: toConnection(r), lease: r.lease }));
  }

  async linkedBookings(
    tx: Transaction,
    connectionId: string,
    eventIds: string[],
  ): Promise<Map<string, LinkedBooking>> {
    const rows = await tx.query<(BookingRow & { event_id: string; due: boolean })[]>(
      `SELECT ${BOOKING_COLUMNS}, l.event_id, (l.due_at IS NOT NULL OR l.written_version < b.version) AS due
       FROM event_link l JOIN booking b ON b.tenant_id = l.tenant_id AND b.booking_id = l.booking_id
       WHERE l.connection_id = $1 AND l.event_id = ANY($2::text[])
       FOR UPDATE OF l`,
      [connectionId, eventIds],
    );
    return new Map(rows.map((r) => [r.event_id, { booking: toBooking(r), due: r.due }]));
  }

  async redo(tx: Transaction, connectionId: string, bookingIds: string[]): Promise<void> {
    await tx.query(
      `UPDATE event_link SET due_at = now(), attempts = 0, last_error = NULL
       WHERE connection_id = $1 AND booking_id = ANY($2::uuid[])`,
      [connectionId, bookingIds],
    );
  }

  async pulled(
    tx: Transaction,
    connectionId: string,
    lease: string,
    syncToken: string | undefined,
  ): Promise<void> {
    await tx.query(
      `UPDATE calendar_connection SET sync_token = $3, last_synced_at = now(),
         pull_due_at = CASE WHEN pull_due_at = $2::timestamptz THEN NULL ELSE pull_due_at END
       WHERE id = $1`,
      [connectionId, lease, syncToken ?? null],
    );
  }

  async pullFailed(connectionId: string, lease: string, retryAt: Date): Promise<void> {
    // Still leased (nothing came meanwhile), or finished but its channel failed to open: not before retryAt.
    await this.db.query(
      `UPDATE calendar_connection SET pull_due_at = $3
       WHERE id = $1 AND (pull_due_at = $2::timestamptz OR pull_due_at IS NULL)`,
      [connectionId, lease, retryAt],
    );
  }

  async forgetSyncToken(tx: Transaction, connectionId: string): Promise<void> {
    await tx.query('UPDATE calendar_connection SET sync_token = NULL, pull_due_at = now() WHERE id = $1', [
      connectionId,
    ]);
  }

  async notified(channelId: string, tokenHash: Buffer, changed: boolean): Promise<Notified> {
    // One statement per notification: find the channel, check its token, make its read back due —
    // at most one every PULL_SPACING_MS (Google notifies the platform's own writes too); already due
    // sooner: nothing to add. A notification while a read back runs (its lease is in the future) makes
    // one more due after it.
    const [row] = await this.db.query<{ ok: boolean; due_now: boolean | null }[]>(
      `WITH c AS (
         SELECT id, channel_token_hash = $2 AS ok FROM calendar_connection
         WHERE channel_id = $1 AND status = 'active'
       ), due AS (
         UPDATE calendar_connection x SET pull_due_at = ${SPACED}
         FROM c WHERE x.id = c.id AND c.ok AND $3 AND (x.pull_due_at IS NULL OR x.pull_due_at > ${SPACED})
         RETURNING x.pull_due_at <= now() AS due_now
       )
       SELECT c.ok, (SELECT due_now FROM due) AS due_now FROM c`,
      [channelId, tokenHash, changed, PULL_SPACING_MS],
    );
    if (!row) return 'unknown-channel';
    if (!row.ok) return 'bad-token';
    return row.due_now ? 'due-now' : 'accepted';
  }

  async prune(before: Date, limit: number): Promise<number> {
    return this.db.transaction(async (tx) => {
      const gone = await tx.query<{ tenant_id: string; booking_id: string }[]>(
        `SELECT tenant_id, booking_id FROM booking WHERE ends_at < $1 ORDER BY ends_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [before, limit],
      );
      if (gone.length > 0) {
        const tenants = gone.map((g) => g.tenant_id);
        const ids = gone.map((g) => g.booking_id);
        const pairs = `SELECT * FROM unnest($1::text[], $2::uuid[]) AS g (tenant_id, booking_id)`;
        await tx.query(
          `DELETE FROM event_link l USING (${pairs}) g WHERE l.tenant_id = g.tenant_id AND l.booking_id = g.booking_id`,
          [tenants, ids],
        );
        await tx.query(
          `DELETE FROM booking b USING (${pairs}) g WHERE b.tenant_id = g.tenant_id AND b.booking_id = g.booking_id`,
          [tenants, ids],
        );
      }
      await tx.query(`DELETE FROM oauth_state WHERE expires_at < now() - interval '1 day'`);
      return gone.length;
    });
  }

  async saveChannel(
    connectionId: string,
    ch: { id: string; resourceId: string; tokenHash: Buffer; expiresAt: Date },
  ): Promise<void> {
    await this.db.query(
      `UPDATE calendar_connection SET channel_id = $2, channel_resource_id = $3, channel_token_hash = $4,
         channel_expires_at = $5 WHERE id = $1 AND status = 'active'`,
      [connectionId, ch.id, ch.resourceId, ch.tokenHash, ch.expiresAt],
    );
  }

  async dueForRenewal(before: Date): Promise<number> {
    const [, count] = await this.db.query<[unknown[], number]>(
      `UPDATE calendar_connection SET pull_due_at = now()
       WHERE status = 'active' AND pull_due_at IS NULL
         AND (channel_id IS NULL OR channel_expires_at < $1 OR last_synced_at < now() - interval '1 hour')`,
      [before],
    );
    return count;
  }
}

interface BookingRow {
  b_tenant_id: string;
  b_booking_id: string;
  b_court_id: string;
  b_court_name: string;
  b_kind: Booking['kind'];
  b_member_id: string | null;
  b_block_reason: string | null;
  b_starts_at: string;
  b_ends_at: string;
  b_time_zone: string;
  b_version: number;
  b_cancelled: boolean;
}

interface LinkRow {
  event_id: string;
  written_version: number;
  attempts: number;
}

function toBooking(r: BookingRow): Booking {
  return {
    tenantId: r.b_tenant_id,
    bookingId: r.b_booking_id,
    courtId: r.b_court_id,
    courtName: r.b_court_name,
    kind: r.b_kind,
    ...(r.b_member_id && { memberId: r.b_member_id }),
    ...(r.b_block_reason && { blockReason: r.b_block_reason }),
    startsAt: r.b_starts_at,
    endsAt: r.b_ends_at,
    timeZone: r.b_time_zone,
    version: r.b_version,
    cancelled: r.b_cancelled,
  };
}
