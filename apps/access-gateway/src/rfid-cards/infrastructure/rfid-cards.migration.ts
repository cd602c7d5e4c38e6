import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The club's RFID cards and whose they are; a blocked card stays known but opens nothing. */
export class CreateRfidCards1764500000400 implements MigrationInterface {
  readonly name = 'CreateRfidCards1764500000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rfid_card (
        tenant_id  text NOT NULL,
        card_id    text NOT NULL,
        member_id  text NOT NULL,
        active     boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, card_id)
      )`);
    await q.query('CREATE INDEX rfid_card_by_member ON rfid_card (tenant_id, member_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rfid_card');
  }
}
