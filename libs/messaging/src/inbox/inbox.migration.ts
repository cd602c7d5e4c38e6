import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Ids of the messages each consumer has handled; a duplicate is acknowledged and skipped. */
export class CreateInbox1764400000050 implements MigrationInterface {
  readonly name = 'CreateInbox1764400000050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inbox (
        consumer     text NOT NULL,
        message_id   uuid NOT NULL,
        message_type text NOT NULL,
        received_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (consumer, message_id)
      )`);
    await q.query(`CREATE INDEX inbox_received_at ON inbox (received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inbox`);
  }
}
