import { localInfraEnv, repoRoot, eventually } from '@sportclub/testing';
import { metricsRegistry } from '@sportclub/observability';
import type { EventPublisher } from '@sportclub/contracts';
import { OutboxRelay } from '@sportclub/outbox';
import { messagingHarness, type Harness, type ItemData } from '../support/harness';
import { runFixture } from '../support/child';

const brokers = localInfraEnv(repoRoot()).KAFKA_BROKERS;

async function pendingRows(h: Harness): Promise<{ pending: number; sent: number }> {
  const [row] = await h.dataSource.query<{ pending: string; sent: string }[]>(
    'SELECT count(*) FILTER (WHERE sent_at IS NULL) AS pending, count(*) FILTER (WHERE sent_at IS NOT NULL) AS sent FROM outbox',
  );
  return { pending: Number(row.pending), sent: Number(row.sent) };
}

describe('outbox relay on the real PostgreSQL and Kafka', () => {
  let h: Harness;
  const seen: ItemData[] = [];
  beforeAll(async () => {
    h = await messagingHarness('outbox_relay');
    await h.eventConsumer(async (envelope, ctx) => {
      seen.push(envelope.data);
      await h.recordEffect(ctx, 'kafka');
    });
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    seen.length = 0;
    await h.dataSource.query('TRUNCATE effects');
  });

  it('writes nothing when the business transaction rolls back, and rejects an invalid message', async () => {
    await expect(
      h.inTransaction(async (m) => {
        await h.outbox.publish(m, h.envelope({ itemId: 'rolled-back', seq: 1 }));
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const invalid = { ...h.envelope({ itemId: 'x', seq: 1 }), data: { itemId: 'x', seq: 'one' } };
    await expect(h.inTransaction((m) => h.outbox.publish(m, invalid as never))).rejects.toThrow(
      /invalid message: .*data\.seq must be integer/,
    );
    expect(await pendingRows(h)).toEqual({ pending: 0, sent: 0 });
  });

  it('retries a failing broker with backoff, holding back only the failed lane, and reports the lag', async () => {
    let failures = 0;
    const flaky: EventPublisher = {
      publish: async (topic, events) => {
        if (events.some((e) => e.key === 'flaky') && failures < 3) {
          failures++;
          throw new Error('broker unavailable');
        }
        await h.kafka.publish(topic, events);
      },
    };
    const relay = new OutboxRelay(
      h.databaseUrl,
      { events: flaky, commands: h.rabbit },
      {
        pollIntervalMs: 100,
        sweepAfterMs: 0,
        retryBaseMs: 100,
      },
    );
    await h.inTransaction((m) =>
      h.outbox.publish(m, [h.envelope({ itemId: 'flaky', seq: 1 }), h.envelope({ itemId: 'flaky', seq: 2 })]),
    );
    const metrics = await metricsRegistry.getSingleMetricAsString('outbox_pending_rows');
    expect(metrics).toMatch(/outbox_pending_rows 2/);

    await relay.relayOnce(); // fails: both rows of the lane stay pending, with the error and a retry time
    const [row] = await h.dataSource.query<{ attempts: number; last_error: string; wait: number }[]>(
      `SELECT attempts, last_error, extract(epoch FROM next_attempt_at - clock_timestamp()) AS wait
         FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT 1`,
    );
    expect(row).toMatchObject({ attempts: 1, last_error: 'broker unavailable' });
    expect(Number(row.wait)).toBeGreaterThan(0);

    await h.inTransaction((m) => h.outbox.publish(m, h.envelope({ itemId: 'healthy', seq: 1 })));
    relay.start();
    await eventually(async () => (await h.effects()).length === 3, 'all delivered after retries', 20_000);
    await relay.stop();
    expect(failures).toBe(3);
    expect(seen.filter((d) => d.itemId === 'flaky').map((d) => d.seq)).toEqual([1, 2]);
    expect(await metricsRegistry.getSingleMetricAsString('outbox_pending_rows')).toMatch(
      /outbox_pending_rows 0/,
    );
  });

  it('loses nothing and doubles no effect when the relay is killed after publishing, before marking sent', async () => {
    const written = Array.from({ length: 25 }, (_, i) => h.envelope({ itemId: `crash-${i % 5}`, seq: i }));
    await h.inTransaction((m) => h.outbox.publish(m, written));
    const child = runFixture('relay-killed-after-publish.cjs', [h.databaseUrl, brokers, '25']);
    expect(await child.exited).toBeNull(); // died by signal
    expect(child.output()).toContain('published 25');
    expect((await pendingRows(h)).pending).toBe(25); // the broker has them, the table does not know

    await eventually(async () => (await h.effects()).length === 25, 'first copies consumed', 20_000);
    const relay = h.relay();
    relay.start();
    await eventually(async () => (await pendingRows(h)).pending === 0, 'republished', 20_000);
    await eventually(async () => (await h.lag()) === 0, 'second copies consumed', 20_000);
    await relay.stop();
    expect(seen).toHaveLength(25);
    const effects = await h.effects();
    expect(effects).toHaveLength(25);
    expect(new Set(effects.map((e) => e.message_id))).toEqual(new Set(written.map((e) => e.id)));
  });

  it('prunes sent rows past the retention and keeps pending ones', async () => {
    await h.inTransaction((m) => h.outbox.publish(m, h.envelope({ itemId: 'keep', seq: 1 })));
    await h.dataSource.query(
      `UPDATE outbox SET sent_at = clock_timestamp() - interval '8 days' WHERE sent_at IS NOT NULL`,
    );
    const before = await pendingRows(h);
    const relay = h.relay({ retentionMs: 7 * 24 * 3_600_000 });
    expect(await relay.prune()).toBe(before.sent);
    expect(await pendingRows(h)).toEqual({ pending: 1, sent: 0 });
  });
});
