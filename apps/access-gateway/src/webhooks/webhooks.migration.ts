import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every vendor webhook as received (the raw event), once per provider event id. */
export class CreateWebhookEvents1764500000300 implements MigrationInterface {
  readonly name = 'CreateWebhookEvents1764500000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_event (
        provider     text NOT NULL,
        event_id     text NOT NULL,
        event_type   text NOT NULL,
        payload      jsonb NOT NULL,
        received_at  timestamptz NOT NULL DEFAULT now(),
        outcome      text NOT NULL,
        PRIMARY KEY (provider, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE webhook_event');
  }
}

/** Consumption webhooks are summed per session at check-out. */
export class IndexConsumptionEvents1764600000300 implements MigrationInterface {
  readonly name = 'IndexConsumptionEvents1764600000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX webhook_event_consumption ON webhook_event ((payload->'data'->>'session_id'))
        WHERE event_type = 'consumption.recorded'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX webhook_event_consumption');
  }
}
