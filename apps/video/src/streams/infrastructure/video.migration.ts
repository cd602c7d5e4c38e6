import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * video's tables:
 * - `court_session`: members' sessions on courts, from access-gateway's events (start and end, in any
 *   order); a court with one whose `ended_at` is null is occupied.
 * - `court_work`: courts whose streams may not match their sessions (`due_at` set), leased by a worker.
 * - `live_stream`: a camera's stream at the vendor; at most one not completed per camera and court.
 */
export class CreateVideo1765800000000 implements MigrationInterface {
  readonly name = 'CreateVideo1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE court_session (
        tenant_id  text NOT NULL,
        session_id text NOT NULL,
        court_id   text NOT NULL,
        member_id  text NOT NULL,
        started_at timestamptz,
        ended_at   timestamptz,
        PRIMARY KEY (tenant_id, session_id)
      )`);
    await q.query(
      'CREATE INDEX court_session_open ON court_session (tenant_id, court_id) WHERE ended_at IS NULL',
    );
    await q.query(`
      CREATE TABLE court_work (
        tenant_id  text NOT NULL,
        court_id   text NOT NULL,
        due_at     timestamptz,
        attempts   integer NOT NULL DEFAULT 0,
        -- Bumped by every session change: a pass settles the court only if none came meanwhile.
        version    bigint NOT NULL DEFAULT 0,
        last_error text,
        PRIMARY KEY (tenant_id, court_id)
      )`);
    await q.query('CREATE INDEX court_work_due ON court_work (due_at) WHERE due_at IS NOT NULL');
    await q.query(`
      CREATE TABLE live_stream (
        stream_id        uuid PRIMARY KEY,
        tenant_id        text NOT NULL,
        court_id         text NOT NULL,
        camera_id        text NOT NULL,
        session_id       text NOT NULL,
        status           text NOT NULL CHECK (status IN ('creating', 'open', 'completed')),
        vendor_stream_id text,
        playback_id      text,
        active_at        timestamptz,
        created_at       timestamptz NOT NULL DEFAULT now(),
        completed_at     timestamptz
      )`);
    await q.query(`
      CREATE UNIQUE INDEX live_stream_one_open ON live_stream (tenant_id, court_id, camera_id)
      WHERE status <> 'completed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE live_stream');
    await q.query('DROP TABLE court_work');
    await q.query('DROP TABLE court_session');
  }
}
