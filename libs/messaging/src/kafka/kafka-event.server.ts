import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { DataSource } from 'typeorm';
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { deadLetterTopic, type MessageHeaders, type MessageRegistry } from '@sportclub/contracts';
import { inSpan } from '@sportclub/observability';
import type { Outbox } from '@sportclub/outbox';
import type { KafkaConnection } from './kafka.connection';
import { KAFKA_TRANSPORT } from '../handlers';
import { MessageContext, handleOnce } from '../inbox/message-handling';
import { DEAD_LETTER, retryDelay, sleep, truncate } from '../dead-letter';

export interface KafkaConsumerOptions {
  /** Attempts per message before it goes to `<topic>.dlt`. */
  maxAttempts?: number;
  retryBaseMs?: number;
  partitionsConsumedConcurrently?: number;
  /** How long a silent member keeps its partitions; the broker's minimum is 6 s. */
  sessionTimeoutMs?: number;
}

/**
 * The service's Kafka consumer group as a NestJS transport. `@OnEvent(Definition)` handlers are
 * subscribed by their topic; every record is decoded and validated (an invalid one goes to the DLT with
 * the reason), then handled once through the inbox, with bounded retries and backoff before the DLT.
 * Offsets are committed only after the records they cover were handled or dead-lettered, so a crash
 * redelivers and the inbox absorbs the repeats.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  override readonly transportId = KAFKA_TRANSPORT;
  private consumer?: Consumer;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;

  constructor(
    private readonly connection: KafkaConnection,
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly registry: MessageRegistry,
    private readonly service: string,
    private readonly options: KafkaConsumerOptions = {},
  ) {
    super();
    this.maxAttempts = options.maxAttempts ?? 3;
    this.retryBaseMs = options.retryBaseMs ?? 200;
  }

  get groupId(): string {
    return this.service;
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const topics = new Set<string>();
      for (const type of this.messageHandlers.keys()) {
        const def = this.registry.get(type);
        if (!def?.topic) throw new Error(`@OnEvent(${type}): not an event of the registry`);
        topics.add(def.topic);
      }
      if (topics.size > 0) await this.startConsumer([...topics]);
      callback();
    } catch (error) {
      callback(error);
    }
  }

  private async startConsumer(topics: string[]): Promise<void> {
    const consumer = this.connection.kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: Math.min(3_000, (this.options.sessionTimeoutMs ?? 30_000) / 3),
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.consumeBatch(payload),
    });
  }

  private async consumeBatch({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
    commitOffsetsIfNecessary,
  }: EachBatchPayload) {
    let last: string | undefined;
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) break;
      await this.consumeOne(batch.topic, batch.partition, message);
      resolveOffset(message.offset);
      last = message.offset;
      await heartbeat();
    }
    if (last !== undefined) {
      await this.consumer!.commitOffsets([
        { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
      ]);
    }
    await commitOffsetsIfNecessary();
  }

  private async consumeOne(topic: string, partition: number, message: KafkaMessage): Promise<void> {
    const headers = decodeHeaders(message.headers);
    const decoded = this.registry.decode(message.value);
    if (!decoded.ok) {
      this.logger.warn(
        `${topic}[${partition}]@${message.offset} is invalid, dead-lettered: ${decoded.reason}`,
      );
      return this.deadLetter(topic, partition, message, decoded.reason, 0);
    }
    const envelope = decoded.envelope;
    const handler = this.getHandlerByPattern(envelope.type);
    if (!handler) return; // another consumer's business: topics carry every event of an aggregate

    for (let attempt = 1; ; attempt++) {
      try {
        await inSpan(
          `process ${topic}`,
          {
            kind: 'consumer',
            parent: headers.traceparent ? headers : { traceparent: envelope.traceparent },
            attributes: {
              'messaging.system': 'kafka',
              'messaging.destination.name': topic,
              'messaging.consumer.group.name': this.groupId,
              'messaging.message.id': envelope.id,
            },
          },
          () =>
            handleOnce(this.dataSource, `kafka:${this.groupId}`, envelope, async (manager) => {
              const ctx = new MessageContext(envelope, manager, this.outbox, this.service, attempt);
              await lastValueFrom(this.transformToObservable(await handler(envelope, ctx)), {
                defaultValue: undefined,
              });
            }),
        );
        return;
      } catch (error) {
        const reason = (error as Error).message;
        if (attempt >= this.maxAttempts) {
          this.logger.error(
            `${envelope.type} ${envelope.id} failed ${attempt} times, dead-lettered: ${reason}`,
          );
          return this.deadLetter(topic, partition, message, reason, attempt);
        }
        this.logger.warn(`${envelope.type} ${envelope.id} failed (attempt ${attempt}), retrying: ${reason}`);
        await sleep(retryDelay(attempt, this.retryBaseMs));
      }
    }
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: string,
    attempts: number,
  ): Promise<void> {
    await this.connection.publish(deadLetterTopic(topic), [
      {
        key: message.key?.toString() ?? '',
        value: message.value ?? Buffer.alloc(0),
        headers: {
          ...decodeHeaders(message.headers),
          [DEAD_LETTER.reason]: truncate(reason),
          [DEAD_LETTER.source]: topic,
          [DEAD_LETTER.consumer]: this.groupId,
          [DEAD_LETTER.attempts]: String(attempts),
          [DEAD_LETTER.failedAt]: new Date().toISOString(),
          [DEAD_LETTER.partition]: String(partition),
          [DEAD_LETTER.offset]: message.offset,
        },
      },
    ]);
  }

  async close(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  on(): void {
    throw new Error('KafkaEventServer does not expose broker events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}

export function decodeHeaders(headers: KafkaMessage['headers'] = {}): MessageHeaders {
  const out: MessageHeaders = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k] = (Array.isArray(v) ? v[0] : v)?.toString() ?? '';
  }
  return out;
}
