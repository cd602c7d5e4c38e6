import { commandQueue } from '@sportclub/contracts';
import { eventually } from '@sportclub/testing';
import { CommandClient, DeadLetterAdmin } from '../../src';
import { messagingHarness, shuffle, type Harness } from '../support/harness';

/**
 * `@OnCommand(…, { batched: true })`: commands waiting together share one transaction. Every effect row
 * records the transaction that wrote it, so the test sees the batches, and what a failing command in a
 * batch does to the others.
 */
describe('RabbitMQ commands of a batched handler (real broker and PostgreSQL)', () => {
  let h: Harness;
  let client: CommandClient;
  const calls = new Map<string, number>();

  beforeAll(async () => {
    h = await messagingHarness('rabbit_batches');
    await h.commandConsumer(
      async (envelope, ctx) => {
        calls.set(envelope.id, (calls.get(envelope.id) ?? 0) + 1);
        const [{ tx }] = await ctx.manager.query<{ tx: string }[]>('SELECT txid_current()::text AS tx');
        await h.recordEffect(ctx, tx);
        if (envelope.data.poison) throw new Error(`item ${envelope.data.itemId} cannot be recorded`);
        return h.RecordItemResult.envelope({
          ...ctx.follow(),
          subject: envelope.data.itemId,
          data: { itemId: envelope.data.itemId, total: 1 },
        });
      },
      { batched: true, maxAttempts: 3, retryBaseMs: 20, prefetch: 16 },
    );
    h.relay().start();
    client = new CommandClient(h.rabbit, h.registry);
    await client.start();
  });
  afterAll(async () => {
    client.close();
    await h.close();
  });

  const command = (itemId: string, seq: number, poison = false) => h.command(itemId, seq, poison);
  const send = (commands: ReturnType<typeof command>[]) =>
    Promise.all(
      commands.map((c) => h.rabbit.send({ routingKey: c.type, body: JSON.stringify(c), messageId: c.id })),
    );
  const effectsOf = async (prefix: string) => (await h.effects()).filter((e) => e.item_id.startsWith(prefix));

  it('handles commands delivered together in shared transactions, each once, duplicates included', async () => {
    const commands = Array.from({ length: 60 }, (_, i) => command(`batch-${i}`, i));
    await send(shuffle(commands.flatMap((c) => [c, c])));
    await eventually(async () => (await effectsOf('batch-')).length >= 60, 'every command handled');
    await eventually(
      async () => (await h.rabbit.probeQueue(commandQueue(h.service))).messages === 0,
      'queue drained',
    );

    const effects = await effectsOf('batch-');
    expect(effects).toHaveLength(60);
    expect(new Set(effects.map((e) => e.message_id))).toEqual(new Set(commands.map((c) => c.id)));
    const transactions = new Set(effects.map((e) => e.via));
    expect(transactions.size).toBeLessThan(60); // some commands shared a transaction
  });

  it('answers each command of a batch on its own reply address', async () => {
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client.request<{ itemId: string; total: number }>(command(`ask-${i}`, i)),
      ),
    );
    expect(replies.map((r) => r.data.itemId)).toEqual(Array.from({ length: 20 }, (_, i) => `ask-${i}`));
  });

  it('rolls a batch back when one command fails: the others are handled once, the failing one is dead-lettered', async () => {
    const good = Array.from({ length: 30 }, (_, i) => command(`mixed-${i}`, i));
    const poison = command('mixed-poison', 99, true);
    await send([...good.slice(0, 15), poison, ...good.slice(15)]);

    const admin = new DeadLetterAdmin(h.kafka, h.rabbit, { deadLetterTopics: [], services: [h.service] });
    await eventually(async () => (await admin.list()).length === 1, 'the poison dead-lettered', 30_000);
    await eventually(async () => (await effectsOf('mixed-')).length >= 30, 'the others handled');

    const [letter] = await admin.list();
    expect(letter.messageId).toBe(poison.id);
    expect(letter.reason).toBe('item mixed-poison cannot be recorded');
    const effects = await effectsOf('mixed-');
    expect(effects.map((e) => e.item_id).sort()).toEqual(good.map((c) => c.data.itemId).sort());
    // Its first failure broke a batch, whose other commands were rolled back and handled again alone.
    expect(calls.get(poison.id)).toBeGreaterThanOrEqual(3);
  });
});
