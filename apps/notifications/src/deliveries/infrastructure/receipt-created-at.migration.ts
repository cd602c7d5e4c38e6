import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `session_receipt.created_at`: when a receipt's first half arrived, for its retention (30 days). */
export class ReceiptCreatedAt1765500000001 implements MigrationInterface {
  readonly name = 'ReceiptCreatedAt1765500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE session_receipt ADD COLUMN created_at timestamptz NOT NULL DEFAULT now()');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE session_receipt DROP COLUMN created_at');
  }
}
