import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention and erasure:
 * - `club_video_settings`: a club's own clip retention (else CLIP_RETENTION_DAYS).
 * - `highlight.delete_requested_at`: set when a clip is past its club's retention or erased with its
 *   only member; from then no one sees it, and a worker deletes it at the vendor, then here.
 */
export class CreatePrivacy1765800000300 implements MigrationInterface {
  readonly name = 'CreatePrivacy1765800000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE club_video_settings (
        tenant_id           text PRIMARY KEY,
        clip_retention_days integer NOT NULL CHECK (clip_retention_days BETWEEN 1 AND 3650),
        set_by              text NOT NULL,
        set_at              timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('ALTER TABLE highlight ADD COLUMN delete_requested_at timestamptz');
    await q.query(
      'CREATE INDEX highlight_delete_due ON highlight (delete_requested_at) WHERE delete_requested_at IS NOT NULL',
    );
    await q.query(
      'CREATE INDEX highlight_age ON highlight (tenant_id, created_at) WHERE delete_requested_at IS NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX highlight_age');
    await q.query('DROP INDEX highlight_delete_due');
    await q.query('ALTER TABLE highlight DROP COLUMN delete_requested_at');
    await q.query('DROP TABLE club_video_settings');
  }
}
