import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * - `highlight.check_at`: when a requested clip is next looked up at the vendor, in case its ready or
 *   errored webhook never arrives (video was down through the vendor's retries). Clips requested before
 *   this migration are looked up at once.
 * - `highlight.clip_attempts`: how often the clip step began; from the second time the vendor may already
 *   have the clip (the first answer was lost) and it is adopted rather than made twice.
 * - A press is its panel's: one per stream, device and request id (two panels of a court may number
 *   their requests alike).
 */
export class AddClipChecks1765800000400 implements MigrationInterface {
  readonly name = 'AddClipChecks1765800000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE highlight ADD COLUMN check_at timestamptz');
    await q.query('ALTER TABLE highlight ADD COLUMN clip_attempts integer NOT NULL DEFAULT 0');
    await q.query('ALTER TABLE highlight DROP CONSTRAINT highlight_stream_id_press_id_key');
    await q.query(
      'ALTER TABLE highlight ADD CONSTRAINT highlight_press UNIQUE (stream_id, device_id, press_id)',
    );
    await q.query("UPDATE highlight SET check_at = now() WHERE status = 'requested'");
    await q.query("CREATE INDEX highlight_check_due ON highlight (check_at) WHERE status = 'requested'");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX highlight_check_due');
    await q.query('ALTER TABLE highlight DROP CONSTRAINT highlight_press');
    await q.query(
      'ALTER TABLE highlight ADD CONSTRAINT highlight_stream_id_press_id_key UNIQUE (stream_id, press_id)',
    );
    await q.query('ALTER TABLE highlight DROP COLUMN clip_attempts');
    await q.query('ALTER TABLE highlight DROP COLUMN check_at');
  }
}
