import type { DataSource } from 'typeorm';
import type { Transaction } from '@sportclub/service-kit';
import { DEVICE_ANSWERS_CHANNEL } from '../../shared/infrastructure/device-answers.channel';
import type {
  PanelRequestOutcome,
  PanelRequestRecord,
  PanelRequestRefusal,
  PanelRequestRepositoryPort,
  PendingPanelRefusal,
} from '../application/ports/panel-request.repository.port';
import type { PanelRefusalCode } from '../domain/panel-answer';

/** No panel repeats a request that late. */
const KEEP_REQUESTS = '7 days';
/** A refusal that could not reach its panel for this long is stale: the member has walked away. */
const STALE_AFTER = '1 minute';

/** The `panel_request` table. */
export class PanelRequestRepository implements PanelRequestRepositoryPort {
  constructor(private readonly db: DataSource) {}

  async record(
    tx: Transaction,
    r: PanelRequestRecord,
  ): Promise<{ repeat: boolean; outcome: PanelRequestOutcome; refusal: PanelRefusalCode | null }> {
    const [inserted] = await tx.query(
      `INSERT INTO panel_request (panel_id, request_id, tenant_id, court_id, action, member_id, requested_at, outcome)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING outcome`,
      [r.panelId, r.requestId, r.tenantId, r.courtId, r.action, r.memberId, r.requestedAt, r.outcome],
    );
    if (inserted) return { repeat: false, outcome: inserted.outcome, refusal: null };
    const [earlier] = await tx.query(
      `SELECT outcome, refusal FROM panel_request WHERE panel_id = $1 AND request_id = $2`,
      [r.panelId, r.requestId],
    );
    return { repeat: true, outcome: earlier.outcome, refusal: earlier.refusal };
  }

  async refuse(tx: Transaction, r: PanelRequestRefusal): Promise<boolean> {
    const [, updated] = await tx.query(
      `UPDATE panel_request SET refusal = $5, refused_at = now()
        WHERE panel_id = $1 AND request_id = $2 AND tenant_id = $3 AND action = $4
          AND outcome = 'accepted' AND refusal IS NULL`,
      [r.panelId, r.requestId, r.tenantId, r.action, r.refusal],
    );
    if (updated === 0) return false;
    await tx.query(`SELECT pg_notify('${DEVICE_ANSWERS_CHANNEL}', '')`);
    return true;
  }

  async claimUndelivered(tx: Transaction, limit: number): Promise<PendingPanelRefusal[]> {
    return tx.query(
      `SELECT panel_id AS "panelId", request_id AS "requestId", refusal FROM panel_request
        WHERE refused_at IS NOT NULL AND delivered_at IS NULL AND refused_at > now() - interval '${STALE_AFTER}'
        ORDER BY refused_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  async markDelivered(
    tx: Transaction,
    refusals: Pick<PendingPanelRefusal, 'panelId' | 'requestId'>[],
  ): Promise<void> {
    if (refusals.length === 0) return;
    await tx.query(
      `UPDATE panel_request SET delivered_at = now()
        WHERE (panel_id, request_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [refusals.map((r) => r.panelId), refusals.map((r) => r.requestId)],
    );
  }

  async prune(): Promise<void> {
    await this.db.query(`DELETE FROM panel_request WHERE received_at < now() - interval '${KEEP_REQUESTS}'`);
  }
}
