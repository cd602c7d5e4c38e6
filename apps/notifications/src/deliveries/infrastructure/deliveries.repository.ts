import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isoUtc, type Transaction } from '@sportclub/service-kit';
import type { Channel, ProviderName, Route } from '../../shared/domain/channels';
import type { Kind } from '../../templates/domain/templates';
import type {
  Attempt,
  DeliveriesPage,
  DeliveriesQuery,
  DeliveriesRepositoryPort,
  EarlyStatus,
} from '../application/ports/deliveries.repository.port';
import type { Delivery, DeliveryStatus, Move } from '../domain/delivery';

interface Row {
  delivery_id: string;
  tenant_id: string;
  member_id: string;
  kind: Kind;
  status: DeliveryStatus;
  routes: Route[];
  current: number;
  attempts: number;
  rounds: number;
  ruled_out: Channel[];
  variables: Record<string, string>;
  reason: string | null;
  created_at: string;
}

/** The delivery's columns, read through a table alias (`d.`) or none. */
const columns = (t = '') =>
  [
    'delivery_id',
    'tenant_id',
    'member_id',
    'kind',
    'status',
    'routes',
    'current',
    'attempts',
    'rounds',
    'ruled_out',
    'variables',
    'reason',
  ]
    .map((c) => t + c)
    .concat(`${isoUtc(`${t}created_at`)} AS created_at`)
    .join(', ');

const toDelivery = (r: Row): Delivery => ({
  deliveryId: r.delivery_id,
  tenantId: r.tenant_id,
  memberId: r.member_id,
  kind: r.kind,
  status: r.status,
  routes: r.routes,
  current: r.current,
  attempts: r.attempts,
  rounds: r.rounds,
  ruledOut: r.ruled_out,
  variables: r.variables,
  ...(r.reason && { reason: r.reason }),
  createdAt: r.created_at,
});

/** Deliveries and their attempts in SQL (`delivery`, `delivery_attempt`). */
@Injectable()
export class DeliveriesRepository implements DeliveriesRepositoryPort {
  async eraseMember(tx: Transaction, tenantId: string, memberId: string) {
    const ids = await tx.query<{ provider_message_id: string }[]>(
      `SELECT a.provider_message_id FROM delivery_attempt a JOIN delivery d USING (delivery_id)
       WHERE d.tenant_id = $1 AND d.member_id = $2 AND a.provider_message_id IS NOT NULL`,
      [tenantId, memberId],
    );
    const [, deliveries] = await tx.query<[unknown[], number]>(
      'DELETE FROM delivery WHERE tenant_id = $1 AND member_id = $2',
      [tenantId, memberId],
    );
    return { deliveries, providerMessageIds: ids.map((r) => r.provider_message_id) };
  }

  async prune(tx: Transaction, before: Date, limit: number) {
    const [, affected] = await tx.query<[unknown[], number]>(
      `DELETE FROM delivery WHERE delivery_id IN (
         SELECT delivery_id FROM delivery WHERE created_at < $1 AND status <> 'pending' LIMIT $2)`,
      [before.toISOString(), limit],
    );
    return affected;
  }

  async pruneEarlyStatuses(tx: Transaction, before: Date, limit: number) {
    const [, affected] = await tx.query<[unknown[], number]>(
      `DELETE FROM early_status WHERE ctid IN (SELECT ctid FROM early_status WHERE received_at < $1 LIMIT $2)`,
      [before.toISOString(), limit],
    );
    return affected;
  }

  async releaseHeld(tx: Transaction, limit: number) {
    const [rows] = await tx.query<[Row[], number]>(
      `UPDATE delivery SET held_until = NULL, updated_at = now()
       WHERE delivery_id IN (SELECT delivery_id FROM delivery WHERE held_until <= now() ORDER BY held_until
                             LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING ${columns()}`,
      [limit],
    );
    return rows.map(toDelivery);
  }

  async lockProviderMessage(tx: Transaction, provider: string, providerMessageId: string) {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `provider-message:${provider}:${providerMessageId}`,
    ]);
  }

  async stashEarlyStatus(tx: Transaction, s: EarlyStatus) {
    await tx.query(
      `INSERT INTO early_status (tenant_id, provider, provider_message_id, status, reason)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [s.tenantId, s.provider, s.providerMessageId, s.status, s.reason ?? null],
    );
  }

  async takeEarlyStatuses(tx: Transaction, tenantId: string, provider: string, providerMessageId: string) {
    const [rows] = await tx.query<[{ status: EarlyStatus['status']; reason: string | null }[], number]>(
      `DELETE FROM early_status WHERE provider = $1 AND provider_message_id = $2
         AND (tenant_id = $3 OR tenant_id IS NULL)
       RETURNING status, reason`,
      [provider, providerMessageId, tenantId],
    );
    return rows.map((r) => ({
      tenantId,
      provider: provider as EarlyStatus['provider'],
      providerMessageId,
      status: r.status,
      ...(r.reason && { reason: r.reason }),
    }));
  }

  async statusCounts(tx: Transaction, tenantId: string, sourceId: string) {
    const rows = await tx.query<{ status: DeliveryStatus; n: string }[]>(
      'SELECT status, count(*) AS n FROM delivery WHERE tenant_id = $1 AND source_id = $2 GROUP BY status',
      [tenantId, sourceId],
    );
    const counts: Record<DeliveryStatus, number> = { pending: 0, sent: 0, delivered: 0, read: 0, failed: 0 };
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }

  async list(tx: Transaction, tenantId: string, q: DeliveriesQuery): Promise<DeliveriesPage> {
    // Keyset paging on (created_at, delivery_id), the instant in microseconds as stored: rows planned in
    // one transaction share it, so a millisecond `before` alone would skip or repeat them.
    const [at, id] = q.cursor ? q.cursor.split('_') : [null, null];
    const rows = await tx.query<(Row & { updated_at: string; position: string })[]>(
      `SELECT ${columns()}, ${isoUtc('updated_at')} AS updated_at,
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position
       FROM delivery
       WHERE tenant_id = $1 AND ($2::text IS NULL OR member_id = $2) AND ($3::text IS NULL OR status = $3)
         AND ($4::timestamptz IS NULL OR created_at < $4)
         AND ($6::timestamptz IS NULL OR (created_at, delivery_id) < ($6::timestamptz, $7::uuid))
         AND ($8::text[] IS NULL OR kind = ANY($8))
       ORDER BY created_at DESC, delivery_id DESC LIMIT $5`,
      [tenantId, q.memberId ?? null, q.status ?? null, q.before ?? null, q.limit, at, id, q.kinds ?? null],
    );
    const last = rows.at(-1);
    return {
      deliveries: rows.map((r) => ({
        deliveryId: r.delivery_id,
        memberId: r.member_id,
        kind: r.kind,
        status: r.status,
        ...(r.routes[r.current] && { route: r.routes[r.current] }),
        attempts: r.attempts,
        ...(r.reason && { reason: r.reason }),
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      })),
      ...(last && rows.length === q.limit && { nextCursor: `${last.position}_${last.delivery_id}` }),
    };
  }

  async insert(tx: Transaction, d: Delivery, sourceId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO delivery (delivery_id, tenant_id, member_id, source_id, kind, status, routes, current, attempts,
         rounds, ruled_out, variables, reason, held_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (tenant_id, source_id, member_id) DO NOTHING RETURNING delivery_id`,
      [
        d.deliveryId,
        d.tenantId,
        d.memberId,
        sourceId,
        d.kind,
        d.status,
        JSON.stringify(d.routes),
        d.current,
        d.attempts,
        d.rounds,
        d.ruledOut,
        JSON.stringify(d.variables),
        d.reason ?? null,
        d.heldUntil ?? null,
      ],
    );
    return rows.length > 0;
  }

  async find(tx: Transaction, deliveryId: string): Promise<Delivery | undefined> {
    const [row] = await tx.query<Row[]>(`SELECT ${columns()} FROM delivery WHERE delivery_id = $1`, [
      deliveryId,
    ]);
    return row && toDelivery(row);
  }

  async startAttempt(
    tx: Transaction,
    deliveryId: string,
    routeIndex: number,
    route: Route,
  ): Promise<Attempt> {
    // An attempt left `calling` by a process that died is taken over as it is (same attempt id).
    const [row] = await tx.query<
      {
        attempt_id: string;
        route_index: number;
        status: Attempt['status'];
        provider_message_id: string | null;
        started_at: string;
        taken_over: boolean;
        claims: number;
        held_since: string;
      }[]
    >(
      `WITH added AS (
         INSERT INTO delivery_attempt (attempt_id, delivery_id, route_index, channel, provider, status)
         VALUES ($1, $2, $3, $4, $5, 'calling') ON CONFLICT (delivery_id, route_index) DO NOTHING
         RETURNING attempt_id, route_index, status, provider_message_id, started_at, claims, claimed_at),
       counted AS (
         UPDATE delivery SET attempts = attempts + 1, updated_at = now()
         WHERE delivery_id = $2 AND EXISTS (SELECT 1 FROM added))
       SELECT attempt_id, route_index, status, provider_message_id, ${isoUtc('started_at')} AS started_at,
              false AS taken_over, claims, ${isoUtc('COALESCE(claimed_at, started_at)')} AS held_since FROM added
       UNION ALL
       SELECT attempt_id, route_index, status, provider_message_id, ${isoUtc('started_at')}, true, claims,
              ${isoUtc('COALESCE(claimed_at, started_at)')}
       FROM delivery_attempt
       WHERE delivery_id = $2 AND route_index = $3 AND NOT EXISTS (SELECT 1 FROM added)`,
      [randomUUID(), deliveryId, routeIndex, route.channel, route.provider],
    );
    return {
      attemptId: row.attempt_id,
      routeIndex: row.route_index,
      status: row.status,
      ...(row.provider_message_id && { providerMessageId: row.provider_message_id }),
      startedAt: row.started_at,
      takenOver: row.taken_over,
      claims: row.claims,
      heldSince: row.held_since,
    };
  }

  async claimAttempt(tx: Transaction, attemptId: string, claims: number, leaseMs: number): Promise<boolean> {
    const [, affected] = await tx.query<[unknown[], number]>(
      `UPDATE delivery_attempt SET claims = claims + 1, claimed_at = now(), status = 'calling', error = NULL,
              finished_at = NULL
       WHERE attempt_id = $1 AND claims = $2
         AND (status = 'failed' OR (status = 'calling' AND COALESCE(claimed_at, started_at)
                                    <= now() - make_interval(secs => $3::double precision / 1000)))`,
      [attemptId, claims, leaseMs],
    );
    return affected === 1;
  }

  async renewAttempt(tx: Transaction, attemptId: string, claims: number): Promise<boolean> {
    const [, affected] = await tx.query<[unknown[], number]>(
      `UPDATE delivery_attempt SET claimed_at = now()
       WHERE attempt_id = $1 AND claims = $2 AND status = 'calling'`,
      [attemptId, claims],
    );
    return affected === 1;
  }

  async isRecorded(tx: Transaction, provider: ProviderName, providerMessageId: string): Promise<boolean> {
    const rows = await tx.query<unknown[]>(
      'SELECT 1 FROM delivery_attempt WHERE provider = $1 AND provider_message_id = $2',
      [provider, providerMessageId],
    );
    return rows.length > 0;
  }

  async finishAttempt(
    tx: Transaction,
    attemptId: string,
    outcome: { providerMessageId: string } | { error: string },
  ): Promise<void> {
    await tx.query(
      `UPDATE delivery_attempt SET status = $2, provider_message_id = $3, error = $4, finished_at = now()
       WHERE attempt_id = $1`,
      'providerMessageId' in outcome
        ? [attemptId, 'accepted', outcome.providerMessageId, null]
        : [attemptId, 'failed', null, outcome.error.slice(0, 1000)],
    );
  }

  async advance(tx: Transaction, deliveryId: string, from: number, to: Move, fromStatus = 'pending') {
    const [rows] = await tx.query<[{ attempts: number }[], number]>(
      `UPDATE delivery SET status = $3, current = $4, reason = $5, held_until = $7, rounds = rounds + $8,
              ruled_out = CASE WHEN $9::text IS NULL OR $9 = ANY (ruled_out) THEN ruled_out
                               ELSE array_append(ruled_out, $9) END,
              updated_at = now()
       WHERE delivery_id = $1 AND current = $2 AND status = $6 RETURNING attempts`,
      [
        deliveryId,
        from,
        to.status,
        to.status === 'pending' ? to.next : from,
        to.status === 'failed' ? to.reason.slice(0, 500) : null,
        fromStatus,
        to.status === 'pending' && to.heldUntil ? to.heldUntil.toISOString() : null,
        to.status === 'pending' && to.newRound ? 1 : 0,
        (to.status !== 'sent' && to.ruleOut) || null,
      ],
    );
    return rows[0];
  }

  async findByProviderMessage(tx: Transaction, provider: string, providerMessageId: string) {
    const [row] = await tx.query<(Row & { route_index: number })[]>(
      `SELECT ${columns('d.')}, a.route_index FROM delivery_attempt a
       JOIN delivery d USING (delivery_id) WHERE a.provider = $1 AND a.provider_message_id = $2`,
      [provider, providerMessageId],
    );
    return row && { delivery: toDelivery(row), routeIndex: row.route_index };
  }

  async setStatus(tx: Transaction, deliveryId: string, from: DeliveryStatus, to: DeliveryStatus) {
    const [, affected] = await tx.query<[unknown[], number]>(
      `UPDATE delivery SET status = $3, updated_at = now() WHERE delivery_id = $1 AND status = $2`,
      [deliveryId, from, to],
    );
    return affected === 1;
  }
}
