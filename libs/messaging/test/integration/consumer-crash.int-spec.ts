import { localInfraEnv, repoRoot, eventually } from '@sportclub/testing';
import { messagingHarness, type Harness } from '../support/harness';
import { runFixture } from '../support/child';

const brokers = localInfraEnv(repoRoot()).KAFKA_BROKERS;

describe('a Kafka consumer killed mid-batch, three times (real broker and PostgreSQL)', () => {
  let h: Harness;
  beforeAll(async () => (h = await messagingHarness('consumer_crash')));
  afterAll(() => h.close());

  it('ends with the acknowledged set equal to the processed set: every event once, none lost', async () => {
    const events = Array.from({ length: 600 }, (_, i) => h.envelope({ itemId: `member-${i % 12}`, seq: i }));
    for (let i = 0; i < events.length; i += 100) {
      await h.kafka.publish(
        h.topic,
        events.slice(i, i + 100).map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
      );
    }
    const args = () => [h.databaseUrl, brokers, h.topic, h.service, JSON.stringify(h.ItemRecorded.schema)];
    const progress: number[] = [];
    for (let kill = 0; kill < 3; kill++) {
      const before = (await h.effects()).length;
      const child = runFixture('consumer-until-killed.cjs', args());
      // Kill it once it is visibly working through a batch.
      await eventually(
        async () => (await h.effects()).length >= before + 40,
        `consumer ${kill + 1} progressing`,
        60_000,
      );
      child.child.kill('SIGKILL');
      await child.exited;
      progress.push((await h.effects()).length);
    }
    expect(progress[2]).toBeLessThan(600); // the kills really interrupted the work

    const last = runFixture('consumer-until-killed.cjs', args());
    await eventually(async () => (await h.lag()) === 0, 'everything acknowledged', 90_000);
    last.child.kill('SIGTERM');
    await last.exited;

    const effects = await h.effects();
    const processed = new Set(effects.map((e) => e.message_id));
    expect(processed).toEqual(new Set(events.map((e) => e.id)));
    expect(effects).toHaveLength(600);
    expect(new Set(effects.map((e) => e.via)).size).toBe(4);
  });
});
