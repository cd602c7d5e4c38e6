import fc from 'fast-check';
import type { EventPublisher } from '@sportclub/contracts';
import { OutboxRelay } from '@sportclub/outbox';
import { eventually } from '@sportclub/testing';
import { messagingHarness, type Harness, type ItemData } from '../support/harness';
import { runFixture } from '../support/child';

const pending = async (h: Harness) =>
  Number(
    (await h.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL'))[0]
      .n,
  );

/** Messages the topic holds: every copy ever published, duplicates included. */
async function published(h: Harness): Promise<number> {
  const admin = await h.kafka.getAdmin();
  const offsets = await admin.fetchTopicOffsets(h.topic);
  return offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
}

describe('outbox rows sent right after commit, and swept when that fails (real PostgreSQL and Kafka)', () => {
  let h: Harness;
  const seen: ItemData[] = [];
  beforeAll(async () => {
    h = await messagingHarness('direct_send');
    await h.eventConsumer(async (envelope, ctx) => {
      seen.push(envelope.data);
      await h.recordEffect(ctx, 'kafka');
    });
  });
  afterAll(() => h.close());

  it('sends a process killed between commit and direct send left behind, once, from the sweep', async () => {
    const before = await published(h);
    const child = runFixture('killed-after-commit.cjs', [h.databaseUrl, h.topic, '12']);
    expect(await child.exited).toBeNull(); // died by signal
    expect(child.output()).toContain('committed 12');
    expect(await pending(h)).toBe(12); // committed, never sent

    const relay = h.relay({ sweepAfterMs: 500, pollIntervalMs: 100 });
    relay.start();
    await eventually(async () => (await h.effects()).length === 12, 'swept and consumed', 20_000);
    await eventually(async () => (await pending(h)) === 0, 'marked sent');
    await eventually(async () => (await h.lag()) === 0, 'consumer caught up');
    expect(await published(h)).toBe(before + 12); // sent once each: no second copy on the topic
    for (let k = 0; k < 3; k++) {
      const order = seen.filter((d) => d.itemId === `killed-${k}`).map((d) => d.seq);
      expect(order).toEqual(Array.from({ length: 12 }, (_, i) => i).filter((i) => i % 3 === k));
    }
    await relay.stop();
  });

  /**
   * Property: transactions commit (or roll back) messages for a few aggregates while the committing
   * process sends them itself and a second relay sweeps the same table at once — racing it. The
   * publishers duplicate, delay (reordering across lanes) and fail sends at random. Whatever happens,
   * every committed message is handled exactly once, none rolled back is, nothing stays pending, and
   * each aggregate's messages are handled in commit order.
   */
  it('keeps order per aggregate and every effect once when direct sends and a sweeping relay race', async () => {
    const lanes = ['a', 'b', 'c'];
    const txArb = fc.record({
      lane: fc.constantFrom(...lanes),
      size: fc.integer({ min: 1, max: 3 }),
      rollback: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
    });
    const faultArb = fc.record({
      duplicate: fc.double({ min: 0, max: 0.5, noNaN: true }),
      fail: fc.double({ min: 0.1, max: 0.5, noNaN: true }),
      delayMs: fc.integer({ min: 0, max: 15 }),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(txArb, { minLength: 5, maxLength: 25 }), faultArb, async (txs, fault) => {
        run++;
        seen.length = 0;
        await h.dataSource.query('TRUNCATE effects');
        const chaotic = (name: string): EventPublisher => ({
          publish: async (topic, events) => {
            await new Promise((r) => setTimeout(r, Math.random() * fault.delayMs));
            if (Math.random() < fault.fail) throw new Error(`${name}: broker unavailable`);
            await h.kafka.publish(topic, events);
            if (Math.random() < fault.duplicate) await h.kafka.publish(topic, events);
          },
        });
        const options = { pollIntervalMs: 50, retryBaseMs: 20, retryMaxMs: 200 };
        const direct = new OutboxRelay(
          h.databaseUrl,
          { events: chaotic('direct'), commands: h.rabbit },
          {
            ...options,
            sweepAfterMs: 300,
          },
        );
        const sweeper = new OutboxRelay(
          h.databaseUrl,
          { events: chaotic('sweep'), commands: h.rabbit },
          {
            ...options,
            sweepAfterMs: 0,
          },
        );
        const detach = attachOnce(h, direct);
        direct.start();
        sweeper.start();
        const committed: Record<string, number[]> = { a: [], b: [], c: [] };
        let seq = 0;
        try {
          await Promise.all(
            [0, 1].map(async (writer) => {
              for (const [i, tx] of txs.entries()) {
                if (i % 2 !== writer) continue;
                const lane = `${run}-${tx.lane}`;
                const seqs = Array.from({ length: tx.size }, () => seq++);
                // One writer per lane at a time, as a lock on the aggregate makes it in a service.
                await lock(lane, () =>
                  h
                    .inTransaction(async (m) => {
                      await h.outbox.publish(
                        m,
                        seqs.map((s) => h.envelope({ itemId: lane, seq: s })),
                      );
                      if (tx.rollback) throw new Error('rolled back');
                      committed[tx.lane].push(...seqs);
                    })
                    .catch((e: Error) => expect(e.message).toBe('rolled back')),
                );
              }
            }),
          );
          const total = Object.values(committed).flat().length;
          await eventually(
            async () => (await h.effects()).length >= total && (await pending(h)) === 0,
            'all handled',
            30_000,
          );
          await eventually(async () => (await h.lag()) === 0, 'duplicates consumed');
          const effects = await h.effects();
          expect(effects).toHaveLength(total);
          expect(new Set(effects.map((e) => e.message_id)).size).toBe(total);
          for (const l of lanes) {
            expect(seen.filter((d) => d.itemId === `${run}-${l}`).map((d) => d.seq)).toEqual(committed[l]);
          }
        } finally {
          await Promise.all([direct.close(), sweeper.close()]);
          detach();
        }
      }),
      { numRuns: Number(process.env.OUTBOX_PROPERTY_RUNS ?? 12) },
    );
  });
});

const locks = new Map<string, Promise<unknown>>();
function lock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = locks.get(key) ?? Promise.resolve();
  const next = previous.then(work, work);
  locks.set(
    key,
    next.catch(() => undefined),
  );
  return next;
}

/** The harness's outbox sends after commit through whichever relay is current. */
let current: OutboxRelay | undefined;
let attached = false;
function attachOnce(h: Harness, relay: OutboxRelay): () => void {
  current = relay;
  if (!attached) {
    attached = true;
    h.outbox.sendAfterCommit(h.dataSource, {
      dispatch: (rows) => current?.dispatch(rows),
      takeMarks: () => current?.takeMarks() ?? [],
      settleMarks: (ids, committed) => current?.settleMarks(ids, committed),
    });
  }
  return () => (current = undefined);
}
