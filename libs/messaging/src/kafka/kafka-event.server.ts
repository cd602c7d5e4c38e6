import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { DataSource, EntityManager } from 'typeorm';
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import {
  deadLetterTopic,
  type Envelope,
  type MessageHeaders,
  type MessageRegistry,
} from '@sportclub/contracts';
import { inSpan, withCorrelationId } from '@sportclub/observability';
import type { Outbox } from '@sportclub/outbox';
import { backoff } from '@sportclub/resilience';
import type { KafkaConnection } from './kafka.connection';
import { KAFKA_TRANSPORT } from '../handlers';
import { dataExceptionCode, notRetried } from '../inbox/data-error';
import { MessageContext, claimInbox, handleOnce } from '../inbox/message-handling';
import { DEAD_LETTER, MAX_RETRY_DELAY_MS, sleep, truncate } from '../dead-letter';
import { messagesConsumed, registerConsumerLag } from '../messaging.metrics';

export interface KafkaConsumerOptions {
  /** Attempts per message before it goes to `<topic>.dlt`. */
  maxAttempts?: number;
  /** Backoff between attempts (`backoff` of libs/resilience, equal jitter): the first retry's ceiling, in ms. */
  retryBaseMs?: number;
  partitionsConsumedConcurrently?: number;
  /** How long a silent member keeps its partitions; the broker's minimum is 6 s. */
  sessionTimeoutMs?: number;
  /** Consecutive records of a partition handled in one transaction (1 = one transaction per record). */
  chunkSize?: number;
}

interface Pending {
  message: KafkaMessage;
  envelope: Envelope;
  handler: NonNullable<ReturnType<Server['getHandlerByPattern']>>;
  handled?: boolean;
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
    registerConsumerLag(() => this.connection.consumerLag(this.groupId, topics));
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.consumeBatch(payload),
    });
  }

  /**
   * Handles a fetched batch in order. Consecutive handled records share one transaction (chunk), which
   * saves a commit per record; if a chunk fails it is rolled back and its records are handled one by one,
   * each with its own retries and dead-lettering. Offsets are resolved only behind finished records.
   */
  private async consumeBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) {
    const { topic, partition } = batch;
    const chunkSize = this.options.chunkSize ?? 50;
    const pending: Pending[] = [];
    let done: string | undefined;
    const flush = async () => {
      if (pending.length === 0) return;
      const chunk = pending.splice(0);
      await this.handleChunk(topic, partition, chunk);
      done = chunk[chunk.length - 1].message.offset;
      resolveOffset(done);
      await heartbeat();
    };

    for (const message of batch.messages) {
      if (!isRunning() || isStale()) break;
      const decoded = this.registry.decode(message.value);
      const handler = decoded.ok ? this.getHandlerByPattern(decoded.envelope.type) : undefined;
      if (decoded.ok && handler) {
        pending.push({ message, envelope: decoded.envelope, handler });
        if (pending.length >= chunkSize) await flush();
        continue;
      }
      await flush();
      if (!decoded.ok) {
        this.logger.warn(
          `${topic}[${partition}]@${message.offset} is invalid, dead-lettered: ${decoded.reason}`,
        );
        await this.deadLetter(topic, partition, message, decoded.reason, 0);
      } // else: another consumer's business, topics carry every event of an aggregate
      done = message.offset;
      resolveOffset(done);
    }
    await flush();
    if (done !== undefined) {
      await this.consumer!.commitOffsets([{ topic, partition, offset: (BigInt(done) + 1n).toString() }]);
    }
  }

  private async handleChunk(topic: string, partition: number, chunk: Pending[]): Promise<void> {
    let failed: Pending | undefined;
    let failure: unknown;
    if (chunk.length > 1) {
      try {
        await this.dataSource.transaction(async (manager) => {
          const fresh = await claimInbox(
            manager,
            this.consumerName,
            chunk.map((p) => p.envelope),
          );
          for (const item of chunk) {
            if (!fresh.delete(item.envelope.id)) {
              messagesConsumed.inc({ transport: 'kafka', type: item.envelope.type, outcome: 'duplicate' });
              continue; // handled before, or twice in this chunk
            }
            failed = item;
            await this.invoke(topic, item, manager, 1);
          }
        });
        for (const item of chunk) {
          if (item.handled)
            messagesConsumed.inc({ transport: 'kafka', type: item.envelope.type, outcome: 'handled' });
        }
        return;
      } catch (error) {
        failure = error;
        this.logger.warn(
          `${failed?.envelope.type} ${failed?.envelope.id} failed in a chunk of ${chunk.length}, handling them one by one: ${(error as Error).message}`,
        );
      }
    }
    // The record that broke the chunk has had its first attempt; the others were only rolled back.
    for (const item of chunk) {
      const dataError = item === failed ? dataExceptionCode(failure) : undefined;
      if (dataError) {
        await this.giveUp(topic, partition, item, notRetried(dataError, (failure as Error).message), 1);
      } else {
        await this.consumeOne(topic, partition, item, item === failed ? 2 : 1);
      }
    }
  }

  private get consumerName(): string {
    return `kafka:${this.groupId}`;
  }

  private async invoke(topic: string, item: Pending, manager: EntityManager, attempt: number): Promise<void> {
    const { envelope, message, handler } = item;
    const headers = decodeHeaders(message.headers);
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
        withCorrelationId(envelope.correlationid, async () => {
          const ctx = new MessageContext(envelope, manager, this.outbox, this.service, attempt);
          await lastValueFrom(this.transformToObservable(await handler(envelope, ctx)), {
            defaultValue: undefined,
          });
        }),
    );
    item.handled = true;
  }

  private async consumeOne(topic: string, partition: number, item: Pending, firstAttempt = 1): Promise<void> {
    const { envelope } = item;
    for (let attempt = firstAttempt; ; attempt++) {
      try {
        const outcome = await handleOnce(this.dataSource, this.consumerName, envelope, (manager) =>
          this.invoke(topic, item, manager, attempt),
        );
        const counted = outcome.duplicate ? 'duplicate' : 'handled';
        messagesConsumed.inc({ transport: 'kafka', type: envelope.type, outcome: counted });
        return;
      } catch (error) {
        const reason = (error as Error).message;
        messagesConsumed.inc({ transport: 'kafka', type: envelope.type, outcome: 'failed_attempt' });
        const dataError = dataExceptionCode(error);
        if (dataError) return this.giveUp(topic, partition, item, notRetried(dataError, reason), attempt);
        if (attempt >= this.maxAttempts) return this.giveUp(topic, partition, item, reason, attempt);
        this.logger.warn(`${envelope.type} ${envelope.id} failed (attempt ${attempt}), retrying: ${reason}`);
        await sleep(
          backoff(attempt, { baseMs: this.retryBaseMs, maxMs: MAX_RETRY_DELAY_MS, jitter: 'equal' }),
        );
      }
    }
  }

  /** Dead-letters a record whose handling failed for good (attempts used up, or a data exception). */
  private giveUp(topic: string, partition: number, item: Pending, reason: string, attempt: number) {
    const { envelope, message } = item;
    this.logger.error(`${envelope.type} ${envelope.id} failed ${attempt} time(s), dead-lettered: ${reason}`);
    return this.deadLetter(topic, partition, message, reason, attempt);
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: string,
    attempts: number,
  ): Promise<void> {
    const type = message.headers?.ce_type?.toString() ?? 'unknown';
    messagesConsumed.inc({ transport: 'kafka', type, outcome: attempts === 0 ? 'invalid' : 'dead_lettered' });
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
