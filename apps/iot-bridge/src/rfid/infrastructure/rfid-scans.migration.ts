import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per scan a reader made, keyed by the reader's own scan id: a repeated scan (QoS 1
 * redelivery) finds its row and starts nothing. The row waits for the check-in's outcome (matched by
 * correlation id), then holds the answer until it was delivered to the reader.
 */
export class CreateRfidScans1764600000200 implements MigrationInterface {
  readonly name = 'CreateRfidScans1764600000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rfid_scan (
        reader_id      text NOT NULL,
        scan_id        text NOT NULL,
        tenant_id      text NOT NULL,
        card_id        text NOT NULL,
        court_id       text NOT NULL,
        correlation_id uuid NOT NULL UNIQUE,
        scanned_at     timestamptz NOT NULL,
        received_at    timestamptz NOT NULL DEFAULT now(),
        answer_by      timestamptz NOT NULL,
        answer         jsonb,
        answered_by    text CHECK (answered_by IN ('check-in', 'timeout')),
        answered_at    timestamptz,
        delivered_at   timestamptz,
        PRIMARY KEY (reader_id, scan_id)
      )`);
    await q.query('CREATE INDEX rfid_scan_awaiting ON rfid_scan (answer_by) WHERE answered_at IS NULL');
    await q.query(
      'CREATE INDEX rfid_scan_undelivered ON rfid_scan (answered_at) WHERE answered_at IS NOT NULL AND delivered_at IS NULL',
    );
    await q.query('CREATE INDEX rfid_scan_received ON rfid_scan (received_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rfid_scan');
  }
}
