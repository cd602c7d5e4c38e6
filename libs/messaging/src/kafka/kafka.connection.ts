import { Kafka, Partitioners, logLevel, type Admin, type Producer } from 'kafkajs';
import type { TopicSpec } from '@sportclub/contracts';
import type { EventPublisher, OutgoingEvent } from '../ports';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
}

/**
 * One kafkajs client per process: a lazily connected admin (topic provisioning, health) and an
 * idempotent producer with acks=all, so a retried send can never duplicate or reorder within a partition.
 */
export class KafkaConnection implements EventPublisher {
  readonly kafka: Kafka;
  private admin?: Promise<Admin>;
  private producer?: Promise<Producer>;

  constructor(readonly settings: KafkaSettings) {
    this.kafka = new Kafka({
      clientId: settings.clientId,
      brokers: settings.brokers,
      logLevel: logLevel.WARN,
      connectionTimeout: 3_000,
      retry: { retries: 5, initialRetryTime: 200 },
    });
  }

  getAdmin(): Promise<Admin> {
    this.admin ??= connectOrReset(this.kafka.admin(), () => (this.admin = undefined));
    return this.admin;
  }

  getProducer(): Promise<Producer> {
    this.producer ??= connectOrReset(
      this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
      () => (this.producer = undefined),
    );
    return this.producer;
  }

  async publish(topic: string, events: OutgoingEvent[]): Promise<void> {
    const producer = await this.getProducer();
    await producer.send({ topic, acks: -1, messages: events });
  }

  /** Creates the missing topics of the registry with their partition counts; existing ones are kept. */
  async ensureTopics(specs: readonly TopicSpec[]): Promise<string[]> {
    const admin = await this.getAdmin();
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((s) => ({ topic: s.name, numPartitions: s.partitions, replicationFactor: -1 })),
      });
    }
    return missing.map((s) => s.name);
  }

  /** Records a consumer group has not committed yet, per topic (the whole topic for a new group). */
  async consumerLag(groupId: string, topics: string[]): Promise<Record<string, number>> {
    const admin = await this.getAdmin();
    const committed = await admin.fetchOffsets({ groupId, topics });
    const out: Record<string, number> = {};
    for (const { topic, partitions } of committed) {
      const ends = await admin.fetchTopicOffsets(topic);
      out[topic] = ends.reduce((sum, end) => {
        const at = Number(partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
        return sum + Number(end.high) - Math.max(at, Number(end.low));
      }, 0);
    }
    return out;
  }

  /** A real round trip to the cluster: describes it and reports the controller and broker count. */
  async ping(): Promise<{ brokers: number; controller: number | null }> {
    const admin = await this.getAdmin();
    const cluster = await admin.describeCluster();
    return { brokers: cluster.brokers.length, controller: cluster.controller };
  }

  async close(): Promise<void> {
    const clients = await Promise.allSettled([this.producer, this.admin].filter(Boolean));
    this.producer = this.admin = undefined;
    await Promise.allSettled(
      clients.flatMap((c) => (c.status === 'fulfilled' && c.value ? [c.value.disconnect()] : [])),
    );
  }
}

async function connectOrReset<T extends { connect(): Promise<void> }>(
  client: T,
  reset: () => void,
): Promise<T> {
  try {
    await client.connect();
    return client;
  } catch (error) {
    reset();
    throw error;
  }
}
