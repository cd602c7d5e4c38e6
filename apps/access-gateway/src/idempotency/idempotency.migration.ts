import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each Idempotency-Key a caller used on a route, bound to the request's fingerprint, and its answer. */
export class CreateIdempotencyRecords1764700000300 implements MigrationInterface {
  readonly name = 'CreateIdempotencyRecords1764700000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_record (
        tenant_id       text NOT NULL,
        caller          text NOT NULL,
        route           text NOT NULL,
        idempotency_key text NOT NULL,
        fingerprint     text NOT NULL,
        state           text NOT NULL CHECK (state IN ('in-flight', 'done')),
        status_code     integer,
        response        json,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, caller, route, idempotency_key)
      )`);
    await q.query('CREATE INDEX idempotency_record_age ON idempotency_record (created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_record');
  }
}
