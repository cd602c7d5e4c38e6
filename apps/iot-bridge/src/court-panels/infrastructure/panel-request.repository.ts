import type { DataSource } from 'typeorm';
import type { Transaction } from '../../shared/application/ports/unit-of-work.port';
import { managerOf } from '../../shared/infrastructure/typeorm-unit-of-work.adapter';
import type {
  PanelRequestRecord,
  PanelRequestRepositoryPort,
} from '../application/ports/panel-request.repository.port';

/** No panel repeats a request that late. */
const KEEP_REQUESTS = '7 days';

/** The `panel_request` table. */
export class PanelRequestRepository implements PanelRequestRepositoryPort {
  constructor(private readonly db: DataSource) {}

  async insert(tx: Transaction, r: PanelRequestRecord): Promise<boolean> {
    const inserted: unknown[] = await managerOf(tx).query(
      `INSERT INTO panel_request (panel_id, request_id, tenant_id, court_id, action, member_id, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING request_id`,
      [r.panelId, r.requestId, r.tenantId, r.courtId, r.action, r.memberId, r.requestedAt],
    );
    return inserted.length > 0;
  }

  async prune(): Promise<void> {
    await this.db.query(`DELETE FROM panel_request WHERE received_at < now() - interval '${KEEP_REQUESTS}'`);
  }
}
