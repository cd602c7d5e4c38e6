import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  TypeOrmTransactions,
  createDataSource,
  runMigrations,
  type Transaction,
} from '@sportclub/service-kit';
import { adminDatabaseUrl, createScratchDatabase, type ScratchDatabase } from '@sportclub/testing';
import type { ApplyProviderStatusHandler } from '../../src/deliveries/application/apply-provider-status/apply-provider-status.handler';
import { NOTIFICATIONS_MIGRATIONS } from '../../src/migrations';
import { ProcessWebhooksHandler } from '../../src/webhooks/application/process-webhooks/process-webhooks.handler';
import type { WebhookItem } from '../../src/webhooks/domain/webhook-items';
import { WebhooksRepository } from '../../src/webhooks/infrastructure/webhooks.repository';

/**
 * The processing of stored webhook items on a scratch PostgreSQL database with notifications'
 * migrations: `provider_webhook` as the queue — batches, one bad item rolled back alone and counted,
 * nothing processed twice, and two processors at once sharing the items.
 */
describe('ProcessWebhooksHandler (PostgreSQL)', () => {
  let db: ScratchDatabase;
  let data: DataSource;
  const repo = new WebhooksRepository();
  /** What the status handler saw, and the message id it is made to fail on. */
  const applied: string[] = [];
  let poison: string | undefined;
  const statuses = {
    async execute(tx: Transaction, _flow: unknown, s: { providerMessageId: string }) {
      // A write of its own, to show that a failing item's writes are rolled back with it.
      await tx.query(
        `INSERT INTO early_status (provider, provider_message_id, status) VALUES ('twilio', $1, 'delivered')
         ON CONFLICT DO NOTHING`,
        [s.providerMessageId],
      );
      if (s.providerMessageId === poison) throw new Error('a status this version cannot apply');
      applied.push(s.providerMessageId);
    },
  } as unknown as ApplyProviderStatusHandler;
  let handler: ProcessWebhooksHandler;

  beforeAll(async () => {
    db = await createScratchDatabase('notifications_webhooks');
    data = createDataSource(adminDatabaseUrl(db.name), NOTIFICATIONS_MIGRATIONS);
    await data.initialize();
    await runMigrations(data);
    handler = new ProcessWebhooksHandler(
      new TypeOrmTransactions(data),
      repo,
      {} as never, // preferences: status items only here
      {} as never, // outbox: idem
      statuses,
      {} as never, // opt-out: idem
    );
  });
  afterAll(async () => {
    await data?.destroy();
    await db?.drop();
  });

  async function store(count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, () => `SM${randomUUID().replaceAll('-', '')}`);
    const items = ids.map((id) => {
      const item: WebhookItem = {
        type: 'status',
        eventId: `${id}:delivered`,
        provider: 'twilio',
        providerMessageId: id,
        status: 'delivered',
      };
      return { tenantId: 'club-aurora', item, rawBody: `MessageSid=${id}` };
    });
    // the first copy of an item is new, a second copy in the same call or a later one is not
    expect(await data.transaction((tx) => repo.insert(tx, [...items, items[0]]))).toEqual([
      ...items.map(() => true),
      false,
    ]);
    expect(await data.transaction((tx) => repo.insert(tx, items.slice(0, 1)))).toEqual([false]);
    return ids;
  }
  const row = (id: string) =>
    data
      .query<{ processed: boolean; failures: number; last_error: string | null }[]>(
        `SELECT processed_at IS NOT NULL AS processed, failures, last_error FROM provider_webhook
         WHERE event_id = $1`,
        [`${id}:delivered`],
      )
      .then((rows) => rows[0]);

  it('processes every stored item once, in batches taken oldest first; a second pass finds nothing', async () => {
    applied.length = 0;
    const ids = await store(450); // more than two batches
    expect(await handler.execute()).toBe(450);
    // each batch of 200 in the order of the provider messages it locks (no lock cycle between replicas)
    expect(applied).toEqual(
      [ids.slice(0, 200), ids.slice(200, 400), ids.slice(400)].flatMap((b) => b.sort()),
    );
    expect(await handler.execute()).toBe(0);
    expect(applied).toHaveLength(450);
  });

  it('a failing item is rolled back alone, counted with its error, and left after five failures', async () => {
    applied.length = 0;
    const ids = await store(5);
    poison = ids[2];
    expect(await handler.execute()).toBe(4);
    // (the batch ran once plainly and failed, then item by item: `applied` saw the first two twice)
    for (const id of ids) expect((await row(id)).processed).toBe(id !== poison);
    expect(await row(poison)).toEqual({
      processed: false,
      failures: 1,
      last_error: 'a status this version cannot apply',
    });
    // its own write went with it; the others' stayed
    const early = await data.query<{ provider_message_id: string }[]>(
      'SELECT provider_message_id FROM early_status WHERE provider_message_id = ANY($1)',
      [ids],
    );
    expect(early.map((e) => e.provider_message_id).sort()).toEqual(ids.filter((id) => id !== poison).sort());

    for (let i = 0; i < 6; i++) await handler.execute();
    expect((await row(poison)).failures).toBe(5); // tried five times in all, then left for an operator
    poison = undefined;
  });

  it('two processors at once share the items: each is processed exactly once', async () => {
    applied.length = 0;
    const ids = await store(600);
    const [a, b] = await Promise.all([handler.execute(), handler.execute()]);
    expect(a + b).toBe(600);
    expect(applied.slice().sort()).toEqual(ids.slice().sort());
  });

  it('keeps an item whose text or ids hold a NUL (PostgreSQL text cannot): as U+FFFD, the rest intact', async () => {
    const id = `SM${randomUUID().replaceAll('-', '')}`;
    const item: WebhookItem = {
      type: 'inbound',
      eventId: `${id}\u0000`,
      provider: 'twilio',
      messageId: `${id}\u0000`,
      from: '+5511987654321',
      text: 'oi\u0000 \\u0000 literal',
      receivedAt: new Date().toISOString(),
    };
    expect(
      await data.transaction((tx) =>
        repo.insert(tx, [{ tenantId: 'club-aurora', item, rawBody: 'Body=oi\u0000' }]),
      ),
    ).toEqual([true]);
    const [row] = await data.query<{ item: { text: string; messageId: string }; raw_body: string }[]>(
      'SELECT item, raw_body FROM provider_webhook WHERE event_id = $1',
      [`${id}\ufffd`],
    );
    expect(row.item.text).toBe('oi\ufffd \\u0000 literal');
    expect(row.item.messageId).toBe(`${id}\ufffd`);
    expect(row.raw_body).toBe('Body=oi\ufffd');
  });

  it("keeps an item per club: another club's item with the same provider id does not pass this one as a duplicate", async () => {
    applied.length = 0;
    const id = `SM${randomUUID().replaceAll('-', '')}`;
    const item: WebhookItem = {
      type: 'status',
      eventId: `${id}:delivered`,
      provider: 'twilio',
      providerMessageId: id,
      status: 'delivered',
    };
    const keep = (tenantId: string) =>
      data.transaction((tx) => repo.insert(tx, [{ tenantId, item, rawBody: `MessageSid=${id}` }]));
    expect(await keep('club-boreal')).toEqual([true]); // first, to boreal's own address
    expect(await keep('club-aurora')).toEqual([true]);
    expect(await keep('club-aurora')).toEqual([false]); // a redelivery to aurora's
    expect(await handler.execute()).toBe(2);
    expect(applied).toEqual([id, id]); // each club's copy processed once, under its own club
  });
});
