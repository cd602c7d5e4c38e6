import { AssignerProtocol, Kafka } from 'kafkajs';
import { localInfraEnv } from './local-env';
import { repoRoot } from './repo';

/**
 * Resolves once the consumer group `groupId` (a service's: the group is the service name) is stable and
 * has read everything on the topics assigned to its members. The local Kafka is shared by every suite
 * and services read their topics from the beginning, so a service started by a test first works
 * through the events other suites left (check-ins of the same Keycloak users, say); a test that sets
 * state and then expects one effect waits for this first. Throws after `timeoutMs`.
 */
export async function kafkaCaughtUp(groupId: string, timeoutMs = 120_000): Promise<void> {
  const kafka = new Kafka({
    clientId: `testing-lag-${groupId}`,
    brokers: localInfraEnv(repoRoot()).KAFKA_BROKERS.split(','),
    logLevel: 1,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (let lag = Infinity; ; await new Promise((r) => setTimeout(r, 250))) {
      if (Date.now() > deadline) {
        throw new Error(`consumer group ${groupId} did not catch up in ${timeoutMs} ms (lag ${lag})`);
      }
      const {
        groups: [group],
      } = await admin.describeGroups([groupId]);
      if (group.state !== 'Stable' || group.members.length === 0) continue;
      const topics = new Set(
        group.members.flatMap((m) =>
          Object.keys(AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment ?? {}),
        ),
      );
      if (topics.size === 0) continue;
      lag = 0;
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics: [...topics] })) {
        const ends = await admin.fetchTopicOffsets(topic);
        for (const { partition, offset } of partitions) {
          const end = ends.find((e) => e.partition === partition)!;
          lag += Number(end.high) - (offset === '-1' ? Number(end.low) : Number(offset));
        }
      }
      if (lag === 0) return;
    }
  } finally {
    await admin.disconnect();
  }
}
