import type { DataSource } from 'typeorm';
import { TypeOrmTransactions, createDataSource, runMigrations } from '@sportclub/service-kit';
import { adminDatabaseUrl, createScratchDatabase, type ScratchDatabase } from '@sportclub/testing';
import { DeliveriesRepository } from '../../src/deliveries/infrastructure/deliveries.repository';
import { SessionReceiptsRepository } from '../../src/deliveries/infrastructure/session-receipts.repository';
import { NOTIFICATIONS_MIGRATIONS } from '../../src/migrations';
import { ApplyRetentionHandler } from '../../src/privacy/application/apply-retention/apply-retention.handler';
import { WebhooksRepository } from '../../src/webhooks/infrastructure/webhooks.repository';

const DAY = "interval '1 day'";

/**
 * Retention on a scratch PostgreSQL database with notifications' migrations: what expired goes, in
 * batches, and nothing still in use (a pending delivery, an unprocessed webhook, recent rows) does.
 */
describe('ApplyRetentionHandler (PostgreSQL)', () => {
  let db: ScratchDatabase;
  let data: DataSource;

  beforeAll(async () => {
    db = await createScratchDatabase('notifications_retention');
    data = createDataSource(adminDatabaseUrl(db.name), NOTIFICATIONS_MIGRATIONS);
    await data.initialize();
    await runMigrations(data);
  });
  afterAll(async () => {
    await data?.destroy();
    await db?.drop();
  });

  /** A delivery `days` old with one attempt. */
  async function delivery(id: string, status: string, days: number) {
    await data.query(
      `INSERT INTO delivery (delivery_id, tenant_id, member_id, source_id, kind, status, routes, current,
         attempts, variables, created_at)
       VALUES ($1, 'club-aurora', $2, $2, 'checkin.completed', $3, '[{"channel":"email","provider":"smtp"}]',
         0, 1, '{}', now() - $4 * ${DAY})`,
      [id, `m-${id.slice(-4)}`, status, days],
    );
    await data.query(
      `INSERT INTO delivery_attempt (attempt_id, delivery_id, route_index, channel, provider, status)
       VALUES (gen_random_uuid(), $1, 0, 'email', 'smtp', 'calling')`,
      [id],
    );
  }
  async function webhook(eventId: string, days: number, processed: boolean) {
    await data.query(
      `INSERT INTO provider_webhook (provider, event_id, tenant_id, item, raw_body, received_at, processed_at)
       VALUES ('twilio', $1, 'club-aurora', '{}', 'raw', now() - $2 * ${DAY},
               CASE WHEN $3 THEN now() - $2 * ${DAY} END)`,
      [eventId, days, processed],
    );
  }
  const ids = async (sql: string) => (await data.query<{ id: string }[]>(sql)).map((r) => r.id).sort();

  it('deletes finished deliveries past the retention and expired buffers, keeping what is pending or recent', async () => {
    const old = (n: number) => `00000000-0000-4000-8000-00000000${String(n).padStart(4, '0')}`;
    for (let n = 1; n <= 1_205; n++) await delivery(old(n), n % 2 ? 'sent' : 'failed', 200);
    await delivery(old(9001), 'pending', 400); // held for an outage: still owed to the member
    await delivery(old(9002), 'read', 10);
    await webhook('old-processed', 40, true);
    await webhook('old-unprocessed', 40, false); // failing, an operator may still need it
    await webhook('recent-processed', 5, true);
    await data.query(
      `INSERT INTO early_status (provider, provider_message_id, status, received_at, tenant_id) VALUES
         ('twilio', 'SM-old', 'delivered', now() - 40 * ${DAY}, 'club-aurora'),
         ('twilio', 'SM-new', 'delivered', now(), 'club-aurora')`,
    );
    await data.query(
      `INSERT INTO session_receipt (tenant_id, session_id, member_id, created_at) VALUES
         ('club-aurora', 's-old', 'ana', now() - 40 * ${DAY}), ('club-aurora', 's-new', 'ana', now())`,
    );

    const handler = new ApplyRetentionHandler(
      new TypeOrmTransactions(data),
      new DeliveriesRepository(),
      new SessionReceiptsRepository(),
      new WebhooksRepository(),
    );
    expect(await handler.execute(180)).toEqual({
      deliveries: 1_205, // more than one batch of 1,000
      webhooks: 1,
      earlyStatuses: 1,
      receipts: 1,
    });
    expect(await ids('SELECT delivery_id AS id FROM delivery')).toEqual([old(9001), old(9002)]);
    expect(await ids('SELECT DISTINCT delivery_id AS id FROM delivery_attempt')).toEqual([
      old(9001),
      old(9002),
    ]);
    expect(await ids('SELECT event_id AS id FROM provider_webhook')).toEqual([
      'old-unprocessed',
      'recent-processed',
    ]);
    expect(await ids('SELECT provider_message_id AS id FROM early_status')).toEqual(['SM-new']);
    expect(await ids('SELECT session_id AS id FROM session_receipt')).toEqual(['s-new']);

    // a shorter retention reaches the recent finished delivery, never the pending one
    expect((await handler.execute(5)).deliveries).toBe(1);
    expect(await ids('SELECT delivery_id AS id FROM delivery')).toEqual([old(9001)]);
  });
});
