import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A payment keeps the provider call it waits on (`provider_call`: operation, idempotency key, saved
 * card) from the short transaction that records it before the call until the one that records the
 * answer, so no transaction is open across the call and a re-run repeats exactly that call. Rows
 * written before this migration were recorded with their answer: none waits.
 */
export class RecordProviderCalls1765000000000 implements MigrationInterface {
  readonly name = 'RecordProviderCalls1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payment ADD COLUMN provider_call jsonb,
      ADD CONSTRAINT payment_waits_pending CHECK (provider_call IS NULL OR status = 'pending')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payment DROP CONSTRAINT payment_waits_pending, DROP COLUMN provider_call`);
  }
}
