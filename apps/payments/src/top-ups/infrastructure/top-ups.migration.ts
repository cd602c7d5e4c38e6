import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments (wallet top-ups) with the provider's reference and the reply owed to whoever asked; the
 * members' saved cards per provider; and the providers' webhook events, stored once per provider event
 * id before they are processed.
 */
export class CreateTopUps1764600000000 implements MigrationInterface {
  readonly name = 'CreateTopUps1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payment (
        tenant_id        text NOT NULL,
        payment_id       text NOT NULL,
        member_id        text NOT NULL,
        amount_centavos  bigint NOT NULL CHECK (amount_centavos > 0),
        provider         text NOT NULL,
        method           text NOT NULL CHECK (method IN ('card', 'pix')),
        status           text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'refunded')),
        provider_ref     text,
        reason           text,
        pix              jsonb,
        refunded_centavos bigint NOT NULL DEFAULT 0,
        correlation_id   text NOT NULL,
        late_reply       jsonb,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, payment_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX payment_provider_ref ON payment (provider, provider_ref)`);
    await q.query(`
      CREATE TABLE payment_method (
        tenant_id    text NOT NULL,
        member_id    text NOT NULL,
        provider     text NOT NULL,
        method_id    text NOT NULL,
        customer_ref text,
        brand        text,
        last4        text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, member_id, provider)
      )`);
    await q.query(`
      CREATE TABLE provider_event (
        provider     text NOT NULL,
        event_id     text NOT NULL,
        provider_ref text NOT NULL,
        payload      jsonb NOT NULL,
        received_at  timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        attempts     int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error   text,
        PRIMARY KEY (provider, event_id)
      )`);
    await q.query(
      `CREATE INDEX provider_event_pending ON provider_event (next_attempt_at) WHERE processed_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE provider_event');
    await q.query('DROP TABLE payment_method');
    await q.query('DROP TABLE payment');
  }
}
