import { eventually } from '@sportclub/testing';
import { metricsRegistry } from '@sportclub/observability';
import { DEAD_LETTER, DeadLetterAdmin } from '../../src';
import { messagingHarness, shuffle, type Harness, type ItemData } from '../support/harness';

describe('Kafka events: outbox → relay → consumer with inbox, on the real broker and PostgreSQL', () => {
  let h: Harness;
  beforeAll(async () => (h = await messagingHarness('kafka_events')));
  afterAll(() => h.close());

  it('keeps order per key, and every message delivered three times, shuffled, has exactly one effect', async () => {
    const seen: ItemData[] = [];
    await h.eventConsumer(async (envelope, ctx) => {
      seen.push(envelope.data);
      await h.recordEffect(ctx, 'kafka');
    });
    // Written through the outbox in business transactions: 3 aggregates × 10 events each.
    const written = Array.from({ length: 30 }, (_, i) => h.envelope({ itemId: `item-${i % 3}`, seq: i }));
    for (let i = 0; i < written.length; i += 5) {
      await h.inTransaction((m) => h.outbox.publish(m, written.slice(i, i + 5)));
    }
    const relay = h.relay({ direct: true });
    relay.start();
    await eventually(async () => (await h.effects()).length === 30, 'first delivery', 60_000);
    for (const key of ['item-0', 'item-1', 'item-2']) {
      const order = seen.filter((d) => d.itemId === key).map((d) => d.seq);
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }

    // The same 30 envelopes again, each three more times, in random order, straight onto the topic.
    const copies = shuffle(written.flatMap((e) => [e, e, e]));
    for (let i = 0; i < copies.length; i += 15) {
      await h.kafka.publish(
        h.topic,
        copies.slice(i, i + 15).map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
      );
    }
    await eventually(async () => (await h.lag()) === 0, 'all copies consumed and committed', 60_000);
    const effects = await h.effects();
    expect(effects).toHaveLength(30);
    expect(new Set(effects.map((e) => e.message_id))).toEqual(new Set(written.map((e) => e.id)));
    expect(seen).toHaveLength(30); // duplicates never reached the handler
    const consumed = await metricsRegistry.getSingleMetric('messages_consumed_total')!.get();
    const count = (outcome: string) =>
      consumed.values.find((v) => v.labels.outcome === outcome && v.labels.type === h.ItemRecorded.type)
        ?.value;
    expect(count('handled')).toBe(30);
    expect(count('duplicate')).toBe(90);
  });
});

describe('Kafka poison messages', () => {
  let h: Harness;
  let broken = true;
  const attempts = new Map<string, number>();
  beforeAll(async () => {
    h = await messagingHarness('kafka_poison');
    await h.eventConsumer(
      async (envelope, ctx) => {
        attempts.set(envelope.id, (attempts.get(envelope.id) ?? 0) + 1);
        if (envelope.data.poison && broken) throw new Error(`cannot handle item ${envelope.data.itemId}`);
        await h.recordEffect(ctx, 'kafka');
      },
      { maxAttempts: 3, retryBaseMs: 20 },
    );
  });
  afterAll(() => h.close());

  it('dead-letters a failing message after N attempts with its error, keeps the others flowing, and replays it once after the fix', async () => {
    const poison = h.envelope({ itemId: 'same-key', seq: 1, poison: true });
    const after = [2, 3, 4].map((seq) => h.envelope({ itemId: 'same-key', seq }));
    const invalid = { ...h.envelope({ itemId: 'x', seq: 9 }), data: { itemId: 42 } };
    await h.kafka.publish(h.topic, [
      { key: 'same-key', value: JSON.stringify(poison) },
      { key: 'bad', value: JSON.stringify(invalid) },
      { key: 'bad', value: 'not json at all' },
      ...after.map((e) => ({ key: 'same-key', value: JSON.stringify(e) })),
    ]);
    await eventually(async () => (await h.lag()) === 0, 'topic drained', 60_000);

    expect(attempts.get(poison.id)).toBe(3);
    expect((await h.effects()).map((e) => e.seq)).toEqual([2, 3, 4]);

    const admin = new DeadLetterAdmin(h.kafka, h.rabbit, { deadLetterTopics: [h.dlt], services: [] });
    const letters = await admin.list();
    expect(letters).toHaveLength(3);
    const poisoned = letters.find((l) => l.body.includes(poison.id))!;
    expect(poisoned.reason).toBe('cannot handle item same-key');
    expect(poisoned.attempts).toBe(3);
    expect(poisoned.consumer).toBe(h.service);
    expect(poisoned.source).toBe(h.topic);
    expect(poisoned.headers[DEAD_LETTER.offset]).toMatch(/^\d+$/);
    const reasons = letters.filter((l) => l !== poisoned).map((l) => l.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/data\.itemId must be string/),
        expect.stringMatching(/not JSON/),
      ]),
    );

    broken = false;
    expect(await admin.replay([poisoned.id])).toEqual([{ id: poisoned.id, replayed: true }]);
    await eventually(async () => (await h.effects()).length === 4, 'replayed message handled', 60_000);

    // Replaying again finds nothing; the invalid ones stay listed for a human.
    expect((await admin.replay([poisoned.id]))[0].replayed).toBe(false);
    const remaining = await admin.list();
    expect(remaining.map((l) => l.id).sort()).toEqual(
      letters
        .filter((l) => l !== poisoned)
        .map((l) => l.id)
        .sort(),
    );
    await eventually(async () => (await h.lag()) === 0, 'replay committed', 30_000);
    const effects = await h.effects();
    expect(effects.filter((e) => e.message_id === poison.id)).toHaveLength(1);
    expect(effects).toHaveLength(4);
  });
});
