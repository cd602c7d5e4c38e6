import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Court cameras join the registry: like readers and panels, a camera belongs to a court. */
export class AllowCameraDevices1764600000600 implements MigrationInterface {
  readonly name = 'AllowCameraDevices1764600000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE device
        DROP CONSTRAINT device_kind_check,
        ADD CONSTRAINT device_kind_check CHECK (kind IN ('rfid-reader', 'court-panel', 'tablet', 'camera'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM device WHERE kind = 'camera'`);
    await q.query(`
      ALTER TABLE device
        DROP CONSTRAINT device_kind_check,
        ADD CONSTRAINT device_kind_check CHECK (kind IN ('rfid-reader', 'court-panel', 'tablet'))`);
  }
}
