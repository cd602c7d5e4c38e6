import { Injectable } from '@nestjs/common';
import { isoUtc, type Transaction } from '@sportclub/service-kit';
import type {
  SessionReceipt,
  SessionReceiptsRepositoryPort,
} from '../application/ports/session-receipts.repository.port';

/** Receipts waiting for their other half, in SQL (`session_receipt`). */
@Injectable()
export class SessionReceiptsRepository implements SessionReceiptsRepositoryPort {
  async merge(tx: Transaction, tenantId: string, p: SessionReceipt): Promise<SessionReceipt | undefined> {
    const [row] = await tx.query<
      {
        member_id: string;
        court_id: string | null;
        court_name: string | null;
        started_at: string | null;
        ended_at: string | null;
        consumption_centavos: string | null;
        charged_centavos: string | null;
        unpaid_centavos: string | null;
        sent: boolean;
      }[]
    >(
      `INSERT INTO session_receipt AS r (tenant_id, session_id, member_id, court_id, court_name, started_at,
         ended_at, consumption_centavos, charged_centavos, unpaid_centavos)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (tenant_id, session_id) DO UPDATE SET
         court_id = COALESCE(EXCLUDED.court_id, r.court_id),
         court_name = COALESCE(EXCLUDED.court_name, r.court_name), started_at = COALESCE(EXCLUDED.started_at, r.started_at),
         ended_at = COALESCE(EXCLUDED.ended_at, r.ended_at),
         consumption_centavos = COALESCE(EXCLUDED.consumption_centavos, r.consumption_centavos),
         charged_centavos = COALESCE(EXCLUDED.charged_centavos, r.charged_centavos),
         unpaid_centavos = COALESCE(EXCLUDED.unpaid_centavos, r.unpaid_centavos)
       RETURNING member_id, court_id, court_name, ${isoUtc('started_at')} AS started_at, ${isoUtc('ended_at')} AS ended_at,
         consumption_centavos, charged_centavos, unpaid_centavos, sent`,
      [
        tenantId,
        p.sessionId,
        p.memberId,
        p.courtId ?? null,
        p.courtName ?? null,
        p.startedAt ?? null,
        p.endedAt ?? null,
        p.consumptionCentavos ?? null,
        p.chargedCentavos ?? null,
        p.unpaidCentavos ?? null,
      ],
    );
    if (row.sent) return undefined;
    const num = (v: string | null) => (v === null ? undefined : Number(v));
    return {
      sessionId: p.sessionId,
      memberId: row.member_id,
      ...(row.court_id && { courtId: row.court_id }),
      ...(row.court_name && { courtName: row.court_name }),
      ...(row.started_at && { startedAt: row.started_at }),
      ...(row.ended_at && { endedAt: row.ended_at }),
      ...(row.consumption_centavos !== null && { consumptionCentavos: num(row.consumption_centavos) }),
      ...(row.charged_centavos !== null && { chargedCentavos: num(row.charged_centavos) }),
      ...(row.unpaid_centavos !== null && { unpaidCentavos: num(row.unpaid_centavos) }),
    };
  }

  async eraseMember(tx: Transaction, tenantId: string, memberId: string): Promise<number> {
    const [, affected] = await tx.query<[unknown[], number]>(
      'DELETE FROM session_receipt WHERE tenant_id = $1 AND member_id = $2',
      [tenantId, memberId],
    );
    return affected;
  }

  async markSent(tx: Transaction, tenantId: string, sessionId: string): Promise<void> {
    await tx.query('UPDATE session_receipt SET sent = true WHERE tenant_id = $1 AND session_id = $2', [
      tenantId,
      sessionId,
    ]);
  }

  async prune(tx: Transaction, before: Date, limit: number): Promise<number> {
    const [, affected] = await tx.query<[unknown[], number]>(
      `DELETE FROM session_receipt WHERE (tenant_id, session_id) IN (
         SELECT tenant_id, session_id FROM session_receipt WHERE created_at < $1 LIMIT $2)`,
      [before.toISOString(), limit],
    );
    return affected;
  }
}
