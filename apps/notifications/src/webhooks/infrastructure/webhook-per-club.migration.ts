import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `provider_webhook` is keyed per club: (club, provider, provider's id). Keyed by the provider's id
 * alone, an item another club posted first to its own address (an admin can sign with their club's
 * own credentials) would pass this club's genuine item as a duplicate, and it would never be processed.
 */
export class ProviderWebhookPerClub1765500000002 implements MigrationInterface {
  readonly name = 'ProviderWebhookPerClub1765500000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE provider_webhook DROP CONSTRAINT provider_webhook_pkey,
                                    ADD PRIMARY KEY (tenant_id, provider, event_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM provider_webhook w USING provider_webhook o
       WHERE w.provider = o.provider AND w.event_id = o.event_id AND w.seq > o.seq`,
    );
    await q.query(
      `ALTER TABLE provider_webhook DROP CONSTRAINT provider_webhook_pkey,
                                    ADD PRIMARY KEY (provider, event_id)`,
    );
  }
}
