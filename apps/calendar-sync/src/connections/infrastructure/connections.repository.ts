import { Injectable } from '@nestjs/common';
import { isoUtc, type Sealed, type Transaction } from '@sportclub/service-kit';
import type { Owner } from '../../shared/domain/calendar-scope';
import type {
  ConnectionsRepositoryPort,
  PendingConsent,
} from '../application/ports/connections.repository.port';
import type { Connection } from '../domain/connection';

/** A connection's columns, as the sync workers read them (the pending count is the owner's view only). */
export const CONNECTION_COLUMNS = `c.id, c.tenant_id, c.scope, c.member_id, c.status, c.broken_reason, c.account_email,
  c.calendar_id, c.key_id, c.iv, c.ciphertext, c.auth_tag, c.sync_token,
  ${isoUtc('c.last_synced_at')} AS last_synced_at, c.channel_id, c.channel_resource_id,
  ${isoUtc('c.channel_expires_at')} AS channel_expires_at, c.created_by, ${isoUtc('c.created_at')} AS created_at`;
/** The owner's view adds how many bookings are not yet written as they are. */
const VIEW_COLUMNS = `${CONNECTION_COLUMNS},
  (SELECT count(*)::int FROM event_link l WHERE l.connection_id = c.id AND l.due_at IS NOT NULL) AS pending`;

/** Connections and consents in SQL (`calendar_connection`, `oauth_state`): tokens only as sealed bytes. */
@Injectable()
export class ConnectionsRepository implements ConnectionsRepositoryPort {
  async saveState(tx: Transaction, stateHash: Buffer, c: PendingConsent, expiresAt: Date): Promise<void> {
    // Expired consents go as new ones come (a handful per user, at most).
    await tx.query(`DELETE FROM oauth_state WHERE expires_at < now() - interval '1 day'`);
    await tx.query(
      `INSERT INTO oauth_state (state_hash, tenant_id, scope, member_id, requested_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [stateHash, c.tenantId, c.scope, c.memberId ?? null, c.requestedBy, expiresAt],
    );
  }

  async consumeState(tx: Transaction, stateHash: Buffer): Promise<PendingConsent | undefined> {
    const [rows] = await tx.query<[StateRow[], number]>(
      `UPDATE oauth_state SET used_at = now()
       WHERE state_hash = $1 AND used_at IS NULL AND expires_at > now()
       RETURNING tenant_id, scope, member_id, requested_by`,
      [stateHash],
    );
    const row = rows[0];
    return (
      row && {
        tenantId: row.tenant_id,
        scope: row.scope,
        ...(row.member_id && { memberId: row.member_id }),
        requestedBy: row.requested_by,
      }
    );
  }

  async findLive(tx: Transaction, owner: Owner): Promise<Connection | undefined> {
    const [row] = await tx.query<ConnectionRow[]>(
      `SELECT ${VIEW_COLUMNS} FROM calendar_connection c
       WHERE c.tenant_id = $1 AND c.scope = $2 AND coalesce(c.member_id, '') = $3 AND c.status <> 'disconnected'
       FOR UPDATE OF c`,
      [owner.tenantId, owner.scope, owner.memberId ?? ''],
    );
    return row && toConnection(row);
  }

  async find(tx: Transaction, tenantId: string, id: string): Promise<Connection | undefined> {
    const [row] = await tx.query<ConnectionRow[]>(
      `SELECT ${VIEW_COLUMNS} FROM calendar_connection c WHERE c.tenant_id = $1 AND c.id = $2`,
      [tenantId, id],
    );
    return row && toConnection(row);
  }

  async list(tx: Transaction, tenantId: string, memberId?: string): Promise<Connection[]> {
    const rows = await tx.query<ConnectionRow[]>(
      `SELECT ${VIEW_COLUMNS} FROM calendar_connection c
       WHERE c.tenant_id = $1 AND ($2::text IS NULL OR c.member_id = $2)
       ORDER BY c.created_at DESC, c.id LIMIT 10000`,
      [tenantId, memberId ?? null],
    );
    return rows.map(toConnection);
  }

  async connect(
    tx: Transaction,
    c: Pick<
      Connection,
      'id' | 'tenantId' | 'scope' | 'memberId' | 'calendarId' | 'accountEmail' | 'createdBy'
    >,
    t: Sealed,
  ): Promise<void> {
    // A reconnect keeps the connection (and its links): new tokens, a new sync token, active again.
    await tx.query(
      `INSERT INTO calendar_connection (id, tenant_id, scope, member_id, status, account_email, calendar_id,
         key_id, iv, ciphertext, auth_tag, pull_due_at, created_by)
       VALUES ($1, $2, $3, $4, 'active', $5, $6, $7, $8, $9, $10, now(), $11)
       ON CONFLICT (id) DO UPDATE SET status = 'active', broken_reason = NULL,
         account_email = EXCLUDED.account_email, calendar_id = EXCLUDED.calendar_id,
         key_id = EXCLUDED.key_id, iv = EXCLUDED.iv, ciphertext = EXCLUDED.ciphertext,
         auth_tag = EXCLUDED.auth_tag, sync_token = NULL, pull_due_at = now(), paused_until = NULL,
         updated_at = now()`,
      [
        c.id,
        c.tenantId,
        c.scope,
        c.memberId ?? null,
        c.accountEmail ?? null,
        c.calendarId,
        t.keyId,
        t.iv,
        t.ciphertext,
        t.tag,
        c.createdBy,
      ],
    );
  }

  async saveTokens(tx: Transaction, id: string, previous: Sealed, t: Sealed): Promise<void> {
    // Only over the tokens that were refreshed: a reconnect meanwhile keeps its own.
    await tx.query(
      `UPDATE calendar_connection SET key_id = $3, iv = $4, ciphertext = $5, auth_tag = $6, updated_at = now()
       WHERE id = $1 AND iv = $2`,
      [id, previous.iv, t.keyId, t.iv, t.ciphertext, t.tag],
    );
  }

  async markBroken(tx: Transaction, id: string, reason: string): Promise<boolean> {
    const [, updated] = await tx.query<[unknown[], number]>(
      `UPDATE calendar_connection SET status = 'broken', broken_reason = $2, updated_at = now()
       WHERE id = $1 AND status = 'active'`,
      [id, reason.slice(0, 500)],
    );
    return updated > 0;
  }

  async accountShared(tx: Transaction, id: string): Promise<boolean> {
    const [row] = await tx.query<{ shared: boolean }[]>(
      `SELECT EXISTS (
         SELECT 1 FROM calendar_connection o JOIN calendar_connection c ON c.id = $1
         WHERE o.id <> c.id AND o.status <> 'disconnected' AND o.account_email = c.account_email
       ) AS shared`,
      [id],
    );
    return row.shared;
  }

  async markDisconnected(tx: Transaction, id: string): Promise<void> {
    // The tokens go with it: nothing is kept that could reach the account again.
    await tx.query(
      `UPDATE calendar_connection SET status = 'disconnected', key_id = NULL, iv = NULL, ciphertext = NULL,
         auth_tag = NULL, sync_token = NULL, pull_due_at = NULL, channel_id = NULL, channel_resource_id = NULL,
         channel_token_hash = NULL, channel_expires_at = NULL, updated_at = now()
       WHERE id = $1`,
      [id],
    );
    await tx.query('UPDATE event_link SET due_at = NULL WHERE connection_id = $1', [id]);
  }
}

interface StateRow {
  tenant_id: string;
  scope: Owner['scope'];
  member_id: string | null;
  requested_by: string;
}

export interface ConnectionRow {
  id: string;
  tenant_id: string;
  scope: Owner['scope'];
  member_id: string | null;
  status: Connection['status'];
  broken_reason: string | null;
  account_email: string | null;
  calendar_id: string;
  key_id: string | null;
  iv: Buffer | null;
  ciphertext: Buffer | null;
  auth_tag: Buffer | null;
  sync_token: string | null;
  last_synced_at: string | null;
  channel_id: string | null;
  channel_resource_id: string | null;
  channel_expires_at: string | null;
  created_by: string;
  created_at: string;
  /** Only in the owner's view. */
  pending?: number;
}

export function toConnection(r: ConnectionRow): Connection {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    scope: r.scope,
    ...(r.member_id && { memberId: r.member_id }),
    status: r.status,
    ...(r.broken_reason && { brokenReason: r.broken_reason }),
    ...(r.account_email && { accountEmail: r.account_email }),
    calendarId: r.calendar_id,
    ...(r.key_id &&
      r.iv &&
      r.ciphertext &&
      r.auth_tag && { tokens: { keyId: r.key_id, iv: r.iv, ciphertext: r.ciphertext, tag: r.auth_tag } }),
    ...(r.sync_token && { syncToken: r.sync_token }),
    ...(r.last_synced_at && { lastSyncedAt: r.last_synced_at }),
    ...(r.channel_id &&
      r.channel_resource_id &&
      r.channel_expires_at && {
        channel: { id: r.channel_id, resourceId: r.channel_resource_id, expiresAt: r.channel_expires_at },
      }),
    createdBy: r.created_by,
    createdAt: r.created_at,
    pendingBookings: r.pending ?? 0,
  };
}
