import { randomUUID } from 'node:crypto';
import type { GetMessage } from 'amqplib';
import {
  COMMAND_EXCHANGE,
  allTopicSpecs,
  commandDeadLetterQueue,
  type MessageHeaders,
  type ServiceName,
} from '@sportclub/contracts';
import type { KafkaConnection } from '../kafka/kafka.connection';
import { decodeHeaders } from '../kafka/kafka-event.server';
import type { RabbitConnection } from '../rabbitmq/rabbitmq.connection';
import { DEAD_LETTER } from '../dead-letter';

export interface DeadLetter {
  /** `kafka:<dlt>:<partition>:<offset>` or `rabbitmq:<dlq>:<message id>` — what `show` and `replay` take. */
  id: string;
  broker: 'kafka' | 'rabbitmq';
  /** The topic or routing key the message originally went to, where a replay sends it back. */
  source: string;
  consumer: string;
  reason: string;
  attempts: number;
  failedAt: string;
  type?: string;
  messageId?: string;
  key?: string;
  headers: MessageHeaders;
  body: string;
}

export interface DeadLetterScope {
  /** Kafka dead-letter topics to read; the registry's by default. */
  deadLetterTopics?: string[];
  /** Services whose command DLQs to read. */
  services: ServiceName[];
}

/**
 * One operator view over both brokers' dead letters. Replaying a Kafka record republishes it to its
 * original topic (consumers that already handled it skip it by envelope id) and appends a marker to the
 * DLT so it is not listed again; replaying a RabbitMQ message republishes it to its routing key and
 * removes it from the DLQ. Only the chosen messages move.
 */
export class DeadLetterAdmin {
  private readonly topics: string[];

  constructor(
    private readonly kafka: KafkaConnection,
    private readonly rabbit: RabbitConnection,
    private readonly scope: DeadLetterScope,
  ) {
    this.topics =
      scope.deadLetterTopics ??
      allTopicSpecs()
        .filter((t) => t.name.endsWith('.dlt'))
        .map((t) => t.name);
  }

  async list(): Promise<DeadLetter[]> {
    const [kafka, rabbit] = await Promise.all([this.listKafka(), this.listRabbit()]);
    return [...kafka, ...rabbit].sort((a, b) => a.failedAt.localeCompare(b.failedAt));
  }

  async show(id: string): Promise<DeadLetter | undefined> {
    return (await this.list()).find((d) => d.id === id);
  }

  /** Replays the given dead letters; returns, per id, whether it was replayed or why not. */
  async replay(ids: string[]): Promise<{ id: string; replayed: boolean; reason?: string }[]> {
    const wanted = new Set(ids);
    const results = new Map<string, { id: string; replayed: boolean; reason?: string }>();
    const kafkaLetters = (await this.listKafka()).filter((d) => wanted.has(d.id));
    for (const letter of kafkaLetters) {
      await this.kafka.publish(letter.source, [
        {
          key: letter.key ?? '',
          value: letter.body,
          headers: { ...stripDeadLetter(letter.headers), 'x-replay-of': letter.id },
        },
      ]);
      const [, dlt, partition, offset] = letter.id.split(':');
      await this.kafka.publish(dlt, [
        { key: letter.key ?? '', value: '', headers: { [DEAD_LETTER.replayed]: `${partition}:${offset}` } },
      ]);
      results.set(letter.id, { id: letter.id, replayed: true });
    }
    const rabbitIds = ids.filter((id) => id.startsWith('rabbitmq:'));
    if (rabbitIds.length > 0) {
      for (const r of await this.replayRabbit(new Set(rabbitIds))) results.set(r.id, r);
    }
    return ids.map(
      (id) => results.get(id) ?? { id, replayed: false, reason: 'no such dead letter (already replayed?)' },
    );
  }

  private async listKafka(): Promise<DeadLetter[]> {
    const admin = await this.kafka.getAdmin();
    const existing = new Set(await admin.listTopics());
    const ends = new Map<string, Map<number, bigint>>();
    for (const topic of this.topics.filter((t) => existing.has(t))) {
      const offsets = await admin.fetchTopicOffsets(topic);
      const nonEmpty = offsets.filter((o) => BigInt(o.high) > BigInt(o.low));
      if (nonEmpty.length > 0) ends.set(topic, new Map(nonEmpty.map((o) => [o.partition, BigInt(o.high)])));
    }
    if (ends.size === 0) return [];

    const records: DeadLetter[] = [];
    const replayed = new Set<string>();
    const groupId = `ops-dead-letters-${randomUUID()}`;
    const consumer = this.kafka.kafka.consumer({ groupId, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [...ends.keys()], fromBeginning: true });
      const remaining = new Set([...ends].flatMap(([t, ps]) => [...ps.keys()].map((p) => `${t}:${p}`)));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timed out reading dead-letter topics')), 30_000);
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ topic, partition, message }) => {
              const headers = decodeHeaders(message.headers);
              if (headers[DEAD_LETTER.replayed]) replayed.add(`${topic}:${headers[DEAD_LETTER.replayed]}`);
              else
                records.push(
                  kafkaLetter(topic, partition, message.offset, message.key, message.value, headers),
                );
              if (BigInt(message.offset) + 1n >= (ends.get(topic)?.get(partition) ?? 0n)) {
                remaining.delete(`${topic}:${partition}`);
                if (remaining.size === 0) {
                  clearTimeout(timer);
                  resolve();
                }
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
    return records.filter((r) => !replayed.has(r.id.slice('kafka:'.length)));
  }

  /** Reads every DLQ message without removing it (unacknowledged messages return when the channel closes). */
  private async listRabbit(): Promise<DeadLetter[]> {
    return this.withDeadLetterQueues(async (queue, messages) => messages.map((m) => rabbitLetter(queue, m)));
  }

  private async replayRabbit(wanted: Set<string>): Promise<{ id: string; replayed: boolean }[]> {
    return this.withDeadLetterQueues(async (queue, messages, ack) => {
      const done: { id: string; replayed: boolean }[] = [];
      for (const m of messages) {
        const letter = rabbitLetter(queue, m);
        if (!wanted.has(letter.id)) continue;
        await this.rabbit.send({
          exchange: COMMAND_EXCHANGE,
          routingKey: letter.source,
          body: m.content,
          messageId: letter.messageId ?? randomUUID(),
          correlationId: m.properties.correlationId as string | undefined,
          replyTo: m.properties.replyTo as string | undefined,
          headers: { ...stripDeadLetter(letter.headers), 'x-replay-of': letter.id },
        });
        ack(m);
        done.push({ id: letter.id, replayed: true });
      }
      return done;
    });
  }

  private async withDeadLetterQueues<T>(
    fn: (queue: string, messages: GetMessage[], ack: (m: GetMessage) => void) => Promise<T[]>,
  ): Promise<T[]> {
    const out: T[] = [];
    for (const service of this.scope.services) {
      const queue = commandDeadLetterQueue(service);
      const channel = await this.rabbit.openChannel();
      try {
        const exists = await channel.checkQueue(queue).then(
          () => true,
          () => false,
        );
        if (!exists) continue;
        const messages: GetMessage[] = [];
        for (let m = await channel.get(queue); m; m = await channel.get(queue)) messages.push(m);
        out.push(...(await fn(queue, messages, (m) => channel.ack(m))));
      } finally {
        // Closing returns every message not acknowledged above to the queue.
        await channel.close().catch(() => undefined);
      }
    }
    return out;
  }
}

function kafkaLetter(
  dlt: string,
  partition: number,
  offset: string,
  key: Buffer | null,
  value: Buffer | null,
  headers: MessageHeaders,
): DeadLetter {
  const body = value?.toString() ?? '';
  return {
    id: `kafka:${dlt}:${partition}:${offset}`,
    broker: 'kafka',
    source: headers[DEAD_LETTER.source] ?? dlt.replace(/\.dlt$/, ''),
    consumer: headers[DEAD_LETTER.consumer] ?? '',
    reason: headers[DEAD_LETTER.reason] ?? '',
    attempts: Number(headers[DEAD_LETTER.attempts] ?? 0),
    failedAt: headers[DEAD_LETTER.failedAt] ?? '',
    type: headers.ce_type,
    messageId: headers.ce_id,
    key: key?.toString(),
    headers,
    body,
  };
}

function rabbitLetter(queue: string, m: GetMessage): DeadLetter {
  const headers: MessageHeaders = {};
  for (const [k, v] of Object.entries(m.properties.headers ?? {})) {
    if (v !== undefined && v !== null && typeof v !== 'object') headers[k] = String(v);
  }
  const messageId = m.properties.messageId as string | undefined;
  return {
    id: `rabbitmq:${queue}:${messageId ?? m.fields.deliveryTag}`,
    broker: 'rabbitmq',
    source: headers[DEAD_LETTER.source] ?? m.fields.routingKey,
    consumer: headers[DEAD_LETTER.consumer] ?? queue.replace(/\.commands\.dlq$/, ''),
    // Messages the broker dead-lettered itself (delivery limit after crash loops) carry x-death only.
    reason: headers[DEAD_LETTER.reason] ?? 'delivery limit reached (the consumer never finished handling it)',
    attempts: Number(headers[DEAD_LETTER.attempts] ?? 0),
    failedAt: headers[DEAD_LETTER.failedAt] ?? '',
    type: headers.ce_type,
    messageId,
    headers,
    body: m.content.toString(),
  };
}

function stripDeadLetter(headers: MessageHeaders): MessageHeaders {
  return Object.fromEntries(
    Object.entries(headers).filter(([k]) => !k.startsWith('x-dead-letter-') && k !== 'x-replay-of'),
  );
}
