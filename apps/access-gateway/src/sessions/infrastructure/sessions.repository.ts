import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from '@sportclub/service-kit';
import { isoUtc } from '@sportclub/service-kit';
import type { Session } from '../domain/session';
import type { OpenedSession, SessionsRepository } from '../application/ports/sessions.repository.port';

const COLUMNS = `session_id AS "sessionId", check_in_id AS "checkInId", member_id AS "memberId",
  court_id AS "courtId", ${isoUtc('started_at')} AS "startedAt", ${isoUtc('ended_at')} AS "endedAt"`;

/** The `court_session` table. */
@Injectable()
export class PgSessionsRepository implements SessionsRepository {
  constructor(private readonly db: DataSource) {}

  async open(tx: Transaction, s: OpenedSession): Promise<boolean> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO court_session (tenant_id, session_id, check_in_id, member_id, court_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING session_id`,
      [s.tenantId, s.sessionId, s.checkInId, s.memberId, s.courtId],
    );
    return inserted.length > 0;
  }

  async end(tx: Transaction, c: { sessionId: string; endedAt: string; tenantId?: string }) {
    // An UPDATE … RETURNING answers [rows, affected count] through TypeORM.
    const [[ended]] = await tx.query<[(Session & { tenantId: string })[], number]>(
      `UPDATE court_session SET ended_at = $2
        WHERE session_id = $1 AND ($3::text IS NULL OR tenant_id = $3) AND ended_at IS NULL
       RETURNING tenant_id AS "tenantId", ${COLUMNS}`,
      [c.sessionId, c.endedAt, c.tenantId ?? null],
    );
    return ended;
  }

  async find(tenantId: string, sessionId: string): Promise<Session | undefined> {
    const [session] = await this.db.query<Session[]>(
      `SELECT ${COLUMNS} FROM court_session WHERE tenant_id = $1 AND session_id = $2`,
      [tenantId, sessionId],
    );
    return session;
  }

  async findAny(tx: Transaction, sessionId: string): Promise<Session | undefined> {
    const [session] = await tx.query<Session[]>(
      `SELECT ${COLUMNS} FROM court_session WHERE session_id = $1`,
      [sessionId],
    );
    return session;
  }

  async findOpenOfMember(tenantId: string, memberId: string, tx?: Transaction): Promise<Session | undefined> {
    const [session] = await (tx ?? this.db.manager).query<Session[]>(
      `SELECT ${COLUMNS} FROM court_session WHERE tenant_id = $1 AND member_id = $2 AND ended_at IS NULL
        ORDER BY started_at DESC LIMIT 1`,
      [tenantId, memberId],
    );
    return session;
  }

  async findOpen(tenantId: string, memberId: string, courtId: string): Promise<Session | undefined> {
    const [session] = await this.db.query<Session[]>(
      `SELECT ${COLUMNS} FROM court_session
        WHERE tenant_id = $1 AND member_id = $2 AND court_id = $3 AND ended_at IS NULL
        ORDER BY started_at DESC LIMIT 1`,
      [tenantId, memberId, courtId],
    );
    return session;
  }

  list(tenantId: string, f: { memberId: string | null; activeOnly: boolean }): Promise<Session[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM court_session
        WHERE tenant_id = $1 AND ($2::text IS NULL OR member_id = $2) AND (NOT $3 OR ended_at IS NULL)
        ORDER BY started_at DESC LIMIT 200`,
      [tenantId, f.memberId, f.activeOnly],
    );
  }
}
