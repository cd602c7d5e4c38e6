import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Court sessions: opened by a completed check-in (the vendor's session id), closed by a check-out. */
export class CreateSessions1764500000200 implements MigrationInterface {
  readonly name = 'CreateSessions1764500000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE court_session (
        tenant_id   text NOT NULL,
        session_id  text NOT NULL,
        check_in_id uuid NOT NULL UNIQUE,
        member_id   text NOT NULL,
        court_id    text NOT NULL,
        started_at  timestamptz NOT NULL DEFAULT now(),
        ended_at    timestamptz,
        PRIMARY KEY (tenant_id, session_id)
      )`);
    await q.query(
      `CREATE INDEX court_session_active ON court_session (tenant_id, member_id) WHERE ended_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE court_session');
  }
}
