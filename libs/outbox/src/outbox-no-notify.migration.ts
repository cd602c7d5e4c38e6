import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops the NOTIFY trigger on outbox inserts. A pending NOTIFY takes an instance-wide lock through
 * commit, so it serialized the commits of every service on the server (pgbench on the project's machine:
 * 1,290–1,440 hops/s with it, 2,870–2,900 without). The process that commits rows now sends them itself
 * right after the commit; other replicas' rows are found by the relay's sweep (issue 11, decision 0010).
 */
export class OutboxWithoutNotify1764900000000 implements MigrationInterface {
  readonly name = 'OutboxWithoutNotify1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS outbox_notify ON outbox`);
    await q.query(`DROP FUNCTION IF EXISTS outbox_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END $$`);
    await q.query(
      `CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`,
    );
  }
}
