import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The members directory: who belongs to which club, and whether they may check in. */
export class CreateMembers1764700000100 implements MigrationInterface {
  readonly name = 'CreateMembers1764700000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE member (
        tenant_id     text NOT NULL,
        member_id     text NOT NULL,
        status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
        status_reason text,
        name          text,
        email         text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, member_id)
      )`);
    // Members the gateway already knew before the directory existed stay members (active).
    await q.query(`
      INSERT INTO member (tenant_id, member_id)
      SELECT tenant_id, member_id FROM rfid_card
      UNION SELECT tenant_id, member_id FROM court_session
      UNION SELECT tenant_id, data->>'memberId' FROM saga_instance WHERE saga_type = 'check-in' AND data ? 'memberId'
      ON CONFLICT DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE member');
  }
}
