import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox table every service owns. Rows are written in the business transaction and published by
 * the relay. (Its NOTIFY trigger is dropped again by OutboxWithoutNotify1764900000000.)
 */
export class CreateOutbox1764400000000 implements MigrationInterface {
  readonly name = 'CreateOutbox1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id              bigserial PRIMARY KEY,
        message_id      uuid NOT NULL,
        kind            text NOT NULL CHECK (kind IN ('kafka', 'rabbitmq')),
        destination     text NOT NULL,
        exchange        text,
        message_key     text NOT NULL,
        reply_to        text,
        correlation_id  text,
        envelope        jsonb NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
        attempts        integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT '-infinity',
        last_error      text,
        sent_at         timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX outbox_message_destination ON outbox (message_id, kind, destination)`);
    await q.query(`CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL`);
    await q.query(
      `CREATE INDEX outbox_pending_lane ON outbox (kind, destination, message_key, id) WHERE sent_at IS NULL`,
    );
    await q.query(`CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END $$`);
    await q.query(
      `CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP FUNCTION outbox_notify()`);
  }
}
