import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provider events keep their body as the bytes received (`raw_body bytea`) instead of `payload jsonb`:
 * jsonb refuses a `\u0000` escape, so a Stripe event with a NUL in its metadata failed with a 500 and
 * was lost. Events that name no payment (`ignored`) or an unusable one (`unprocessable`) are kept too,
 * each with its outcome, so every signed delivery leaves a record.
 */
export class KeepProviderEventBodies1764700000000 implements MigrationInterface {
  readonly name = 'KeepProviderEventBodies1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE provider_event ADD COLUMN raw_body bytea, ADD COLUMN event_type text,
      ADD COLUMN outcome text CHECK (outcome IN ('reconciled', 'ignored', 'unprocessable', 'set-aside'))`);
    await q.query(`UPDATE provider_event SET raw_body = convert_to(payload::text, 'UTF8'),
      outcome = CASE WHEN processed_at IS NULL THEN NULL WHEN last_error IS NULL THEN 'reconciled' ELSE 'set-aside' END`);
    await q.query(`ALTER TABLE provider_event ALTER COLUMN raw_body SET NOT NULL, DROP COLUMN payload,
      ALTER COLUMN provider_ref DROP NOT NULL,
      ADD CONSTRAINT provider_event_outcome CHECK ((processed_at IS NULL) = (outcome IS NULL)),
      ADD CONSTRAINT provider_event_pending_names_payment CHECK (processed_at IS NOT NULL OR provider_ref IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Events that jsonb cannot hold (a NUL) or that name no payment do not fit the old table.
    await q.query(
      `DELETE FROM provider_event WHERE provider_ref IS NULL OR position('\\u0000' in convert_from(raw_body, 'UTF8')) > 0`,
    );
    await q.query(`ALTER TABLE provider_event ADD COLUMN payload jsonb`);
    await q.query(`UPDATE provider_event SET payload = convert_from(raw_body, 'UTF8')::jsonb`);
    await q.query(`ALTER TABLE provider_event ALTER COLUMN payload SET NOT NULL, ALTER COLUMN provider_ref SET NOT NULL,
      DROP CONSTRAINT provider_event_outcome, DROP CONSTRAINT provider_event_pending_names_payment,
      DROP COLUMN raw_body, DROP COLUMN event_type, DROP COLUMN outcome`);
  }
}
