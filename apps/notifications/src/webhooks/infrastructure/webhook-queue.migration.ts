import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `provider_webhook` becomes the queue of its own processing: items not processed yet are taken in
 * the order they were stored (`seq`), in batches (`FOR UPDATE SKIP LOCKED`; a partial index keeps that
 * look-up small), and an item whose processing fails keeps its error and how often it failed.
 */
export class ProviderWebhookQueue1765400000000 implements MigrationInterface {
  readonly name = 'ProviderWebhookQueue1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE provider_webhook
        ADD COLUMN seq        bigserial,
        ADD COLUMN failures   integer NOT NULL DEFAULT 0,
        ADD COLUMN last_error text`);
    await q.query(
      'CREATE INDEX provider_webhook_unprocessed ON provider_webhook (seq) WHERE processed_at IS NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX provider_webhook_unprocessed');
    await q.query(
      'ALTER TABLE provider_webhook DROP COLUMN seq, DROP COLUMN failures, DROP COLUMN last_error',
    );
  }
}
