import { BaseRpcContext, Server, type CustomTransportStrategy } from '@nestjs/microservices';

import { lastValueFrom, isObservable } from 'rxjs';
import type { Consumer, EachMessagePayload } from 'kafkajs';
import type { KafkaConnection } from './kafka.connection';
import type { MessageHeaders } from '../ports';

export const KAFKA_TRANSPORT = Symbol('kafka-events');

/** What an event handler receives beside the decoded value. */
export class KafkaEventContext extends BaseRpcContext<[EachMessagePayload]> {
  get topic(): string {
    return this.args[0].topic;
  }
  get partition(): number {
    return this.args[0].partition;
  }
  get offset(): string {
    return this.args[0].message.offset;
  }
  get key(): string | undefined {
    return this.args[0].message.key?.toString();
  }
  get headers(): MessageHeaders {
    return decodeHeaders(this.args[0].message.headers);
  }
}

/**
 * The service's Kafka consumer group as a NestJS transport: `@EventPattern('<topic>')` handlers are
 * subscribed under the group named after the service, and an offset is committed only after its handler
 * resolved — a crash before that redelivers the message rather than losing it.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  override readonly transportId = KAFKA_TRANSPORT;
  private consumer?: Consumer;

  constructor(
    private readonly connection: KafkaConnection,
    private readonly groupId: string,
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const topics = [...this.messageHandlers.keys()];
      if (topics.length > 0) await this.startConsumer(topics);
      callback();
    } catch (error) {
      callback(error);
    }
  }

  private async startConsumer(topics: string[]): Promise<void> {
    const consumer = this.connection.kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async (payload) => {
        await this.dispatch(payload);
        const { topic, partition, message } = payload;
        await consumer.commitOffsets([
          { topic, partition, offset: (BigInt(message.offset) + 1n).toString() },
        ]);
      },
    });
  }

  private async dispatch(payload: EachMessagePayload): Promise<void> {
    const handler = this.getHandlerByPattern(payload.topic);
    if (!handler) return;
    const raw = payload.message.value?.toString() ?? 'null';
    const result = await handler(JSON.parse(raw), new KafkaEventContext([payload]));
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
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

export function decodeHeaders(headers: EachMessagePayload['message']['headers'] = {}): MessageHeaders {
  const out: MessageHeaders = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k] = (Array.isArray(v) ? v[0] : v)?.toString() ?? '';
  }
  return out;
}
