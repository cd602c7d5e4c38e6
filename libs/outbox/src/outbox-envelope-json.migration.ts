import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Envelopes are stored as `json` — the text as written — instead of `jsonb`. A valid envelope may hold a
 * string with U+0000 (a provider's metadata, a device's payload), which `jsonb` (like `text`) refuses
 * with SQLSTATE 22P05; the refused row rolled back the business transaction that wrote it, and a
 * handler's reply or event could never be written. The relay reads the column as text and publishes it
 * unchanged. (Extracting a field with `->>` from a row holding U+0000 still fails: read `envelope::text`.)
 */
export class OutboxEnvelopeAsJson1764700000000 implements MigrationInterface {
  readonly name = 'OutboxEnvelopeAsJson1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ALTER COLUMN envelope TYPE json USING envelope::json`);
  }

  /** Fails while a row holds U+0000, which jsonb cannot store. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ALTER COLUMN envelope TYPE jsonb USING envelope::jsonb`);
  }
}
