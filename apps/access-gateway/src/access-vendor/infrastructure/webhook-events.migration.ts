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

/**
 * A session's opening looks for a vendor check-out that arrived before it. Only those waiting are
 * indexed, so the lookup stays one index probe however many webhooks the table holds.
 */
export class IndexAwaitingCheckouts1764600000400 implements MigrationInterface {
  readonly name = 'IndexAwaitingCheckouts1764600000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX webhook_event_awaiting_session ON webhook_event ((payload->'data'->>'session_id'))
        WHERE provider = 'access-vendor' AND event_type = 'access.checkout' AND outcome = 'awaiting-session'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX webhook_event_awaiting_session');
  }
}

/**
 * The raw body of each webhook, exactly as signed: the parsed `payload` may have lost what jsonb cannot
 * hold (U+0000), the raw bytes never do.
 */
export class KeepRawWebhookBodies1764700000200 implements MigrationInterface {
  readonly name = 'KeepRawWebhookBodies1764700000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE webhook_event ADD COLUMN raw_body bytea');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE webhook_event DROP COLUMN raw_body');
  }
}
