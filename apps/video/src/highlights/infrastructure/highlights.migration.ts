import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Highlights and the vendor's webhooks:
 * - `live_stream.recording_asset_id`, `active_at`: the recording a stream's camera is filling and its
 *   first frame (from the vendor's `video.asset.created`); clips are cut from it.
 * - `highlight`: a press on a court's button for one of its streams; one per stream and press (`press_id`).
 * - `vendor_webhook`: every verified webhook as received (raw, for audit and replay), once per event id,
 *   processed by a worker.
 */
export class CreateHighlights1765800000100 implements MigrationInterface {
  readonly name = 'CreateHighlights1765800000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE live_stream ADD COLUMN recording_asset_id text');
    await q.query('CREATE UNIQUE INDEX live_stream_vendor ON live_stream (vendor_stream_id)');
    await q.query(`
      CREATE TABLE highlight (
        highlight_id     uuid PRIMARY KEY,
        tenant_id        text NOT NULL,
        court_id         text NOT NULL,
        stream_id        uuid NOT NULL REFERENCES live_stream (stream_id),
        camera_id        text NOT NULL,
        source_asset_id  text NOT NULL,
        press_id         text NOT NULL,
        device_id        text NOT NULL,
        pressed_at       timestamptz NOT NULL,
        start_seconds    numeric(10, 3) NOT NULL,
        end_seconds      numeric(10, 3) NOT NULL,
        member_ids       text[] NOT NULL,
        status           text NOT NULL CHECK (status IN ('requesting', 'requested', 'ready', 'failed')),
        vendor_asset_id  text UNIQUE,
        playback_id      text,
        duration_seconds numeric(10, 3),
        error            text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        ready_at         timestamptz,
        UNIQUE (stream_id, press_id)
      )`);
    await q.query('CREATE INDEX highlight_stream_press ON highlight (stream_id, pressed_at)');
    await q.query(`
      CREATE TABLE vendor_webhook (
        event_id        text PRIMARY KEY,
        vendor          text NOT NULL,
        type            text NOT NULL,
        body            jsonb NOT NULL,
        received_at     timestamptz NOT NULL DEFAULT now(),
        next_attempt_at timestamptz,
        attempts        integer NOT NULL DEFAULT 0,
        processed_at    timestamptz,
        error           text
      )`);
    await q.query(
      'CREATE INDEX vendor_webhook_due ON vendor_webhook (next_attempt_at) WHERE processed_at IS NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE vendor_webhook');
    await q.query('DROP TABLE highlight');
    await q.query('DROP INDEX live_stream_vendor');
    await q.query('ALTER TABLE live_stream DROP COLUMN recording_asset_id');
  }
}
