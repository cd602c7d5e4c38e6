import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scans the bridge refuses itself (outside the acceptance window) are stored like the others, so a
 * repeat gets the same answer: answered by 'bridge', with the refusal code.
 */
export class RecordScanRefusals1764600000400 implements MigrationInterface {
  readonly name = 'RecordScanRefusals1764600000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE rfid_scan
        DROP CONSTRAINT rfid_scan_answered_by_check,
        ADD CONSTRAINT rfid_scan_answered_by_check CHECK (answered_by IN ('check-in', 'timeout', 'bridge')),
        ADD COLUMN refusal text CHECK (refusal IN ('device-request-expired', 'device-clock-ahead')),
        ADD CONSTRAINT rfid_scan_refused_by_bridge CHECK ((answered_by = 'bridge') = (refusal IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM rfid_scan WHERE answered_by = 'bridge'`);
    await q.query(`
      ALTER TABLE rfid_scan
        DROP CONSTRAINT rfid_scan_refused_by_bridge,
        DROP COLUMN refusal,
        DROP CONSTRAINT rfid_scan_answered_by_check,
        ADD CONSTRAINT rfid_scan_answered_by_check CHECK (answered_by IN ('check-in', 'timeout'))`);
  }
}
