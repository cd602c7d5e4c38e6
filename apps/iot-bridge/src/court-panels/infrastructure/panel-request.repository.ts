import type { DataSource } from 'typeorm';
import type { Transaction } from '@sportclub/service-kit';
import type {
  PanelRequestOutcome,
  PanelRequestRecord,
  PanelRequestRepositoryPort,
} from '../application/ports/panel-request.repository.port';

/** No panel repeats a request that late. */
const KEEP_REQUESTS = '7 days';

/** The `panel_request` table. */
export class PanelRequestRepository implements PanelRequestRepositoryPort {
  constructor(private readonly db: DataSource) {}

  async record(
    tx: Transaction,
    r: PanelRequestRecord,
  ): Promise<{ repeat: boolean; outcome: PanelRequestOutcome }> {
    const m = tx;
    const [inserted] = await m.query(
      `INSERT INTO panel_request (panel_id, request_id, tenant_id, court_id, action, member_id, requested_at, outcome)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING outcome`,
      [r.panelId, r.requestId, r.tenantId, r.courtId, r.action, r.memberId, r.requestedAt, r.outcome],
    );
    if (inserted) return { repeat: false, outcome: inserted.outcome };
    const [earlier] = await m.query(
      `SELECT outcome FROM panel_request WHERE panel_id = $1 AND request_id = $2`,
      [r.panelId, r.requestId],
    );
    return { repeat: true, outcome: earlier.outcome };
  }

  async prune(): Promise<void> {
    await this.db.query(`DELETE FROM panel_request WHERE received_at < now() - interval '${KEEP_REQUESTS}'`);
  }
}
