import { randomUUID } from 'node:crypto';
import type { ServiceName } from '@sportclub/contracts';
import { KafkaConnection, KafkaEventServer, type KafkaEventContext } from '../../src';
import { eventually, localInfraEnv, repoRoot } from '@sportclub/testing';

const brokers = localInfraEnv(repoRoot()).KAFKA_BROKERS.split(',');

describe('Kafka through the messaging library (real broker)', () => {
  const run = randomUUID().slice(0, 8);
  const topic = `test.roundtrip-${run}.v1`;
  const connection = new KafkaConnection({ brokers, clientId: `test-${run}` });
  let server: KafkaEventServer | undefined;
  const spec = { name: topic, owner: 'payments' as ServiceName, partitions: 3 };
  let created: string[];

  beforeAll(async () => {
    created = await connection.ensureTopics([spec]);
  });

  afterAll(async () => {
    await server?.close();
    const admin = await connection.getAdmin();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await connection.close();
  });

  it('provisions a topic with the declared partitions, and only once', async () => {
    expect(created).toEqual([topic]);
    expect(await connection.ensureTopics([spec])).toEqual([]);
    const admin = await connection.getAdmin();
    const [meta] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    expect(meta.partitions).toHaveLength(3);
  });

  it('refuses to publish to a topic nobody provisioned (auto-creation is off)', async () => {
    await expect(
      connection.publish(`test.never-created-${run}.v1`, [{ key: 'k', value: '{}' }]),
    ).rejects.toThrow();
  });

  it('delivers published events to a consumer group in order per key and commits after the handler', async () => {
    const received: { key?: string; seq: number; header: string }[] = [];
    server = new KafkaEventServer(connection, `test-group-${run}`);
    server.addHandler(
      topic,
      async (data: { seq: number }, ctx: KafkaEventContext) => {
        received.push({ key: ctx.key, seq: data.seq, header: ctx.headers['x-test-run'] });
      },
      true,
    );
    await new Promise<void>((resolve, reject) =>
      server!.listen((error) => (error ? reject(error) : resolve())),
    );

    const events = Array.from({ length: 30 }, (_, i) => ({
      key: `member-${i % 3}`,
      value: JSON.stringify({ seq: i }),
      headers: { 'x-test-run': run },
    }));
    await connection.publish(topic, events);

    await eventually(() => received.length === 30, 'all 30 events consumed');
    for (const key of ['member-0', 'member-1', 'member-2']) {
      const seqs = received.filter((r) => r.key === key).map((r) => r.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(seqs).toHaveLength(10);
    }
    expect(received.every((r) => r.header === run)).toBe(true);

    const admin = await connection.getAdmin();
    await eventually(async () => {
      const [offsets] = await admin.fetchOffsets({ groupId: `test-group-${run}`, topics: [topic] });
      // A partition no key hashed to reports -1 (nothing committed).
      return offsets.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0) === 30;
    }, 'committed offsets cover all 30 events');
  });
});
