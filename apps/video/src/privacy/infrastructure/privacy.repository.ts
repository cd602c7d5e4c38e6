import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from '@sportclub/service-kit';
import type {
  ClipToDelete,
  Erased,
  PrivacyRepositoryPort,
} from '../application/ports/privacy.repository.port';

/** Retention and erasure in video's PostgreSQL. */
@Injectable()
export class PrivacyRepository implements PrivacyRepositoryPort {
  constructor(private readonly db: DataSource) {}

  async eraseMember(tx: Transaction, tenantId: string, memberId: string): Promise<Erased> {
    const [row] = await tx.query<{ solo: number; shared: number; sessions: number }[]>(
      `WITH solo AS (
         UPDATE highlight SET member_ids = '{}', delete_requested_at = coalesce(delete_requested_at, now())
         WHERE tenant_id = $1 AND member_ids = ARRAY[$2]::text[] RETURNING 1
       ), shared AS (
         UPDATE highlight SET member_ids = array_remove(member_ids, $2)
         WHERE tenant_id = $1 AND $2 = ANY(member_ids) AND member_ids <> ARRAY[$2]::text[] RETURNING 1
       ), sessions AS (
         DELETE FROM court_session WHERE tenant_id = $1 AND member_id = $2 AND ended_at IS NOT NULL RETURNING 1
       )
       SELECT (SELECT count(*)::int FROM solo) AS solo, (SELECT count(*)::int FROM shared) AS shared,
              (SELECT count(*)::int FROM sessions) AS sessions`,
      [tenantId, memberId],
    );
    return { highlights: row.solo, sharedHighlights: row.shared, sessions: row.sessions };
  }

  async clipRetention(tx: Transaction, tenantId: string): Promise<number | undefined> {
    const [row] = await tx.query<{ days: number }[]>(
      'SELECT clip_retention_days AS days FROM club_video_settings WHERE tenant_id = $1',
      [tenantId],
    );
    return row?.days;
  }

  async setClipRetention(tx: Transaction, tenantId: string, days: number, setBy: string): Promise<void> {
    await tx.query(
      `INSERT INTO club_video_settings (tenant_id, clip_retention_days, set_by) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET clip_retention_days = $2, set_by = $3, set_at = now()`,
      [tenantId, days, setBy],
    );
  }

  async expireClips(tx: Transaction, defaultDays: number): Promise<number> {
    const rows = await tx.query<unknown[]>(
      `WITH u AS (
         UPDATE highlight h SET delete_requested_at = now()
         FROM (SELECT h2.highlight_id FROM highlight h2
               LEFT JOIN club_video_settings s ON s.tenant_id = h2.tenant_id
               WHERE h2.delete_requested_at IS NULL
                 AND h2.created_at < now() - make_interval(days => coalesce(s.clip_retention_days, $1))
               LIMIT 1000) old
         WHERE h.highlight_id = old.highlight_id RETURNING 1
       ) SELECT * FROM u`,
      [defaultDays],
    );
    return rows.length;
  }

  claimDeletions(limit: number, leaseMs: number): Promise<ClipToDelete[]> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<
        { highlight_id: string; tenant_id: string; vendor_asset_id: string | null }[]
      >(
        `WITH due AS (
           SELECT highlight_id FROM highlight WHERE delete_requested_at <= now()
           ORDER BY delete_requested_at LIMIT $1 FOR UPDATE SKIP LOCKED
         ), claimed AS (
           UPDATE highlight h SET delete_requested_at = now() + make_interval(secs => $2 / 1000.0)
           FROM due d WHERE h.highlight_id = d.highlight_id
           RETURNING h.highlight_id, h.tenant_id, h.vendor_asset_id
         ) SELECT * FROM claimed`,
        [limit, leaseMs],
      );
      return rows.map((r) => ({
        highlightId: r.highlight_id,
        tenantId: r.tenant_id,
        ...(r.vendor_asset_id && { vendorAssetId: r.vendor_asset_id }),
      }));
    });
  }

  async forget(tx: Transaction, highlightId: string): Promise<void> {
    await tx.query('DELETE FROM highlight WHERE highlight_id = $1', [highlightId]);
  }
}
