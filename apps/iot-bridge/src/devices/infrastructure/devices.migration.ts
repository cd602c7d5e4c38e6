import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The device registry. Ids are global (they are broker usernames and topic levels), each device
 * belongs to one club. Only the broker's hash of a device password is kept.
 */
export class CreateDevices1764600000100 implements MigrationInterface {
  readonly name = 'CreateDevices1764600000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE device (
        device_id       text PRIMARY KEY,
        tenant_id       text NOT NULL,
        kind            text NOT NULL CHECK (kind IN ('rfid-reader', 'court-panel', 'tablet')),
        court_id        text,
        credential_hash text NOT NULL,
        enabled         boolean NOT NULL DEFAULT true,
        status          text CHECK (status IN ('online', 'offline', 'error')),
        last_seen_at    timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CHECK (kind = 'tablet' OR court_id IS NOT NULL)
      )`);
    await q.query('CREATE INDEX device_by_tenant ON device (tenant_id, device_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE device');
  }
}
