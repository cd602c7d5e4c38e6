import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface IdempotencyScope {
  tenantId: string;
  caller: string;
  route: string;
  key: string;
}

export type Claim =
  | { outcome: 'claimed' }
  | { outcome: 'mismatch' }
  | { outcome: 'in-flight' }
  | { outcome: 'done'; statusCode: number; response: unknown };

/** The `idempotency_record` table. */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Claims the key for this request, or says why not. An in-flight claim older than `staleMs` (its
   * process died mid-request) is taken over; a finished one answers its stored response.
   */
  async claim(s: IdempotencyScope, fingerprint: string, staleMs: number): Promise<Claim> {
    const [row] = await this.db.query<
      { claimed: boolean; fingerprint: string; state: string; statusCode: number; response: unknown }[]
    >(
      `WITH claimed AS (
         INSERT INTO idempotency_record (tenant_id, caller, route, idempotency_key, fingerprint, state)
         VALUES ($1, $2, $3, $4, $5, 'in-flight')
         ON CONFLICT (tenant_id, caller, route, idempotency_key) DO UPDATE
           SET updated_at = now()
           WHERE idempotency_record.state = 'in-flight' AND idempotency_record.fingerprint = $5
             AND idempotency_record.updated_at < now() - make_interval(secs => $6::float8 / 1000)
         RETURNING true AS claimed)
       SELECT true AS claimed, NULL AS fingerprint, NULL AS state, NULL AS "statusCode", NULL AS response FROM claimed
       UNION ALL
       SELECT false, fingerprint, state, status_code, response FROM idempotency_record
        WHERE tenant_id = $1 AND caller = $2 AND route = $3 AND idempotency_key = $4
          AND NOT EXISTS (SELECT 1 FROM claimed)`,
      [s.tenantId, s.caller, s.route, s.key, fingerprint, staleMs],
    );
    if (row?.claimed) return { outcome: 'claimed' };
    // Not claimed and no row seen: another request claimed it after this statement's snapshot began.
    if (!row) return { outcome: 'in-flight' };
    if (row.fingerprint !== fingerprint) return { outcome: 'mismatch' };
    if (row.state === 'in-flight') return { outcome: 'in-flight' };
    return { outcome: 'done', statusCode: row.statusCode, response: row.response };
  }

  async complete(s: IdempotencyScope, statusCode: number, response: unknown): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_record SET state = 'done', status_code = $5, response = $6, updated_at = now()
        WHERE tenant_id = $1 AND caller = $2 AND route = $3 AND idempotency_key = $4`,
      [s.tenantId, s.caller, s.route, s.key, statusCode, JSON.stringify(response ?? null)],
    );
  }

  /** The request failed: the key is free again, so the client may retry it. */
  async release(s: IdempotencyScope): Promise<void> {
    await this.db.query(
      `DELETE FROM idempotency_record WHERE tenant_id = $1 AND caller = $2 AND route = $3 AND idempotency_key = $4
          AND state = 'in-flight'`,
      [s.tenantId, s.caller, s.route, s.key],
    );
  }
}
