import {
  MessageRegistry,
  commandDeadLetterQueue,
  commandQueue,
  defineMessage,
  type ServiceName,
} from '@sportclub/contracts';
import { eventually } from '@sportclub/testing';
import { CommandClient, DeadLetterAdmin, RequestTimeoutError } from '../../src';
import { messagingHarness, shuffle, type Harness } from '../support/harness';

describe('RabbitMQ commands: inbox, replies through the outbox, dead letters (real broker and PostgreSQL)', () => {
  let h: Harness;
  let client: CommandClient;
  let broken = true;
  const calls = new Map<string, number>();

  beforeAll(async () => {
    h = await messagingHarness('rabbit_commands');
    await h.commandConsumer(
      async (envelope, ctx) => {
        calls.set(envelope.id, (calls.get(envelope.id) ?? 0) + 1);
        if (envelope.data.poison && broken)
          throw new Error(`item ${envelope.data.itemId} is not recordable yet`);
        await h.recordEffect(ctx, 'rabbitmq');
        const [{ total }] = await ctx.manager.query<{ total: string }[]>(
          'SELECT count(*) AS total FROM effects WHERE item_id = $1',
          [envelope.data.itemId],
        );
        return h.RecordItemResult.envelope({
          ...ctx.follow(),
          subject: envelope.data.itemId,
          data: { itemId: envelope.data.itemId, total: Number(total) },
        });
      },
      { maxAttempts: 3, retryBaseMs: 20 },
    );
    h.relay({ direct: true }).start();
    client = new CommandClient(h.rabbit, h.registry);
    await client.start();
  });
  afterAll(async () => {
    client.close();
    await h.close();
  });

  const command = (itemId: string, seq: number, poison = false) => h.command(itemId, seq, poison);

  it('uses quorum queues with a delivery limit and a dead-letter queue', async () => {
    const channel = await h.rabbit.openChannel();
    try {
      // Redeclaring with other arguments fails: proves what the queue was declared with.
      await expect(
        channel.assertQueue(commandQueue(h.service), {
          durable: true,
          arguments: { 'x-queue-type': 'classic' },
        }),
      ).rejects.toThrow(/PRECONDITION_FAILED/);
    } finally {
      await channel.close().catch(() => undefined);
    }
    const dlq = await h.rabbit.probeQueue(commandDeadLetterQueue(h.service));
    expect(dlq.messages).toBe(0);
  });

  it('answers a request with a reply written in the handler transaction, correlated to the caller', async () => {
    const replies = await Promise.all([
      client.request<{ itemId: string; total: number }>(command('req-a', 1)),
      client.request<{ itemId: string; total: number }>(command('req-b', 1)),
    ]);
    expect(replies.map((r) => r.data)).toEqual([
      { itemId: 'req-a', total: 1 },
      { itemId: 'req-b', total: 1 },
    ]);
    expect(replies[0].type).toBe(h.RecordItemResult.type);
  });

  it('times out a request nobody answers', async () => {
    const Ping = defineMessage<{ n: number }>({
      type: `${h.service}x.ping.v1`,
      kind: 'command',
      service: `${h.service}x` as ServiceName,
      summary: 'a command for a service that does not exist',
      schema: { type: 'object', properties: { n: { type: 'integer' } } },
    });
    const lonely = new CommandClient(h.rabbit, new MessageRegistry([Ping], []));
    await lonely.start();
    const ping = Ping.envelope({
      source: 'access-gateway',
      subject: 'p',
      tenantId: 'club-aurora',
      data: { n: 1 },
    });
    await expect(lonely.request(ping, 300)).rejects.toBeInstanceOf(RequestTimeoutError);
    lonely.close();
  });

  it('handles every command delivered three times, shuffled, exactly once', async () => {
    const commands = Array.from({ length: 20 }, (_, i) => command(`dup-${i % 4}`, i));
    const copies = shuffle(commands.flatMap((c) => [c, c, c]));
    await Promise.all(
      copies.map((c) => h.rabbit.send({ routingKey: c.type, body: JSON.stringify(c), messageId: c.id })),
    );
    await eventually(
      async () => (await h.rabbit.probeQueue(commandQueue(h.service))).messages === 0,
      'queue drained',
    );
    await eventually(
      async () => (await h.effects()).filter((e) => e.item_id.startsWith('dup-')).length >= 20,
      'effects',
    );
    const effects = (await h.effects()).filter((e) => e.item_id.startsWith('dup-'));
    expect(effects).toHaveLength(20);
    expect(new Set(effects.map((e) => e.message_id))).toEqual(new Set(commands.map((c) => c.id)));
  });

  it('dead-letters a failing command with its error after bounded attempts, and replays exactly the chosen one once after the fix', async () => {
    const poisons = [command('poison-1', 1, true), command('poison-2', 1, true)];
    for (const p of poisons)
      await h.rabbit.send({ routingKey: p.type, body: JSON.stringify(p), messageId: p.id });
    await h.rabbit.send({
      routingKey: h.RecordItem.type,
      body: '{"not":"an envelope"}',
      messageId: 'garbage-1',
    });
    const admin = new DeadLetterAdmin(h.kafka, h.rabbit, { deadLetterTopics: [], services: [h.service] });
    await eventually(async () => (await admin.list()).length === 3, 'three dead letters', 30_000);

    const letters = await admin.list();
    const first = letters.find((l) => l.messageId === poisons[0].id)!;
    expect(first.reason).toBe('item poison-1 is not recordable yet');
    expect(first.attempts).toBe(3);
    expect(first.source).toBe(h.RecordItem.type);
    expect(letters.find((l) => l.messageId === 'garbage-1')!.reason).toMatch(/^envelope: /);
    expect(calls.get(poisons[0].id)).toBe(3);

    broken = false;
    expect(await admin.replay([first.id])).toEqual([{ id: first.id, replayed: true }]);
    await eventually(
      async () => (await h.effects()).some((e) => e.item_id === 'poison-1'),
      'replayed command handled',
    );
    expect((await admin.replay([first.id]))[0].replayed).toBe(false);
    const left = await admin.list();
    expect(left.map((l) => l.messageId).sort()).toEqual(['garbage-1', poisons[1].id].sort());
    const effects = await h.effects();
    expect(effects.filter((e) => e.item_id === 'poison-1')).toHaveLength(1);
    expect(effects.filter((e) => e.item_id === 'poison-2')).toHaveLength(0);
  });

  it('dead-letters a command that carries secrets without its data', async () => {
    const secrets = await messagingHarness('rabbit_secret_commands');
    try {
      await secrets.commandConsumer(() => Promise.reject(new Error('the vault is sealed')), {
        maxAttempts: 2,
        retryBaseMs: 20,
        carriesSecrets: true,
      });
      const c = secrets.command('account-1', 1);
      await secrets.rabbit.send({ routingKey: c.type, body: JSON.stringify(c), messageId: c.id });
      // One that fails validation is never handled, and loses its data all the same.
      const invalid = {
        ...secrets.command('account-2', 2),
        data: { itemId: 'account-2', seq: 'the-secret' },
      };
      await secrets.rabbit.send({ routingKey: c.type, body: JSON.stringify(invalid), messageId: invalid.id });
      const admin = new DeadLetterAdmin(secrets.kafka, secrets.rabbit, {
        deadLetterTopics: [],
        services: [secrets.service],
      });
      await eventually(async () => (await admin.list()).length === 2, 'two dead letters', 30_000);
      const letters = await admin.list();
      const letter = letters.find((l) => l.messageId === c.id)!;
      expect(letter).toMatchObject({
        messageId: c.id,
        reason: 'the vault is sealed',
        attempts: 2,
        source: c.type,
      });
      expect(JSON.parse(letter.body)).toEqual({ ...c, data: { redacted: true } });
      const refused = letters.find((l) => l.messageId === invalid.id)!;
      expect(refused.reason).toMatch(/data\.seq must be integer/);
      expect(JSON.parse(refused.body)).toEqual({ ...invalid, data: { redacted: true } });
    } finally {
      await secrets.close();
    }
  });
});
