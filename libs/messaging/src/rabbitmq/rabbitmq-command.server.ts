import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { DataSource } from 'typeorm';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import {
  COMMAND_DLX,
  COMMAND_EXCHANGE,
  MAX_COMMAND_DELIVERIES,
  commandDeadLetterQueue,
  commandQueue,
  type Envelope,
  type MessageHeaders,
  type MessageRegistry,
  type ServiceName,
} from '@sportclub/contracts';
import { inSpan, withCorrelationId } from '@sportclub/observability';
import { retryDelay, type Outbox } from '@sportclub/outbox';
import type { RabbitConnection } from './rabbitmq.connection';
import { RABBIT_TRANSPORT } from '../handlers';
import { MessageContext, handleOnce } from '../inbox/message-handling';
import { DEAD_LETTER, MAX_RETRY_DELAY_MS, sleep, truncate } from '../dead-letter';
import { messagesConsumed } from '../messaging.metrics';

/** Declares a service's command topology: its quorum queue bound to `<service>.#`, and its DLQ. */
export async function assertCommandTopology(channel: Channel, service: ServiceName): Promise<void> {
  const queue = commandQueue(service);
  const dlq = commandDeadLetterQueue(service);
  await channel.assertExchange(COMMAND_EXCHANGE, 'topic', { durable: true });
  await channel.assertExchange(COMMAND_DLX, 'direct', { durable: true });
  await channel.assertQueue(dlq, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await channel.bindQueue(dlq, COMMAND_DLX, dlq);
  await channel.assertQueue(queue, {
    durable: true,
    arguments: {
      'x-queue-type': 'quorum',
      // A safety net for crash loops; handler failures are dead-lettered by us first, with the error.
      'x-delivery-limit': MAX_COMMAND_DELIVERIES,
      'x-dead-letter-exchange': COMMAND_DLX,
      'x-dead-letter-routing-key': dlq,
    },
  });
  await channel.bindQueue(queue, COMMAND_EXCHANGE, `${service}.#`);
}

export interface RabbitConsumerOptions {
  prefetch?: number;
  /** Handler attempts before the command goes to the DLQ with its error (below the queue's limit). */
  maxAttempts?: number;
  retryBaseMs?: number;
}

/**
 * The service's command queue as a NestJS transport. Commands (and replies addressed to this service)
 * are validated, then handled once through the inbox; a handler's reply is written to the outbox in the
 * same transaction, and the message is acknowledged only after that transaction committed. A failure is
 * requeued after a backoff; the last attempt, an invalid message or one nobody handles goes to
 * `<service>.commands.dlq` with the reason.
 */
export class RabbitCommandServer extends Server implements CustomTransportStrategy {
  override readonly transportId = RABBIT_TRANSPORT;
  private channel?: Channel;
  private readonly maxAttempts: number;

  constructor(
    private readonly connection: RabbitConnection,
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly registry: MessageRegistry,
    private readonly service: ServiceName,
    private readonly options: RabbitConsumerOptions = {},
  ) {
    super();
    this.maxAttempts = Math.min(options.maxAttempts ?? 4, MAX_COMMAND_DELIVERIES);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      for (const type of this.messageHandlers.keys()) {
        if (this.registry.get(type)?.kind === 'event') throw new Error(`@OnCommand(${type}): it is an event`);
        if (!this.registry.get(type)) throw new Error(`@OnCommand(${type}): not in the registry`);
      }
      await this.connection.onConnect((model) => this.consume(model));
      callback();
    } catch (error) {
      callback(error);
    }
  }

  private async consume(model: ChannelModel): Promise<void> {
    const channel = await model.createChannel();
    channel.on('error', (error: Error) => this.logger.error(`command channel error: ${error.message}`));
    await assertCommandTopology(channel, this.service);
    await channel.prefetch(this.options.prefetch ?? 16);
    await channel.consume(commandQueue(this.service), (msg) => msg && void this.handle(channel, msg), {
      noAck: false,
    });
    this.channel = channel;
  }

  private async handle(channel: Channel, msg: ConsumeMessage): Promise<void> {
    const attempt = Number(msg.properties.headers?.['x-delivery-count'] ?? 0) + 1;
    const decoded = this.registry.decode(msg.content);
    if (!decoded.ok) return this.deadLetter(channel, msg, decoded.reason, attempt);
    const envelope = decoded.envelope;
    const handler = this.getHandlerByPattern(envelope.type);
    if (!handler)
      return this.deadLetter(channel, msg, `no handler for ${envelope.type} in ${this.service}`, attempt);

    const headers = headersOf(msg);
    try {
      const outcome = await inSpan(
        `process ${msg.fields.routingKey}`,
        {
          kind: 'consumer',
          parent: headers.traceparent ? headers : { traceparent: envelope.traceparent },
          attributes: {
            'messaging.system': 'rabbitmq',
            'messaging.destination.name': commandQueue(this.service),
            'messaging.message.id': envelope.id,
          },
        },
        () =>
          handleOnce(this.dataSource, `rabbitmq:${this.service}`, envelope, (manager) =>
            withCorrelationId(envelope.correlationid, async () => {
              const { replyTo, correlationId } = msg.properties as {
                replyTo?: string;
                correlationId?: string;
              };
              const address = replyTo ? { replyTo, correlationId: correlationId ?? envelope.id } : undefined;
              const ctx = new MessageContext(envelope, manager, this.outbox, this.service, attempt, address);
              const reply = await lastValueFrom(this.transformToObservable(await handler(envelope, ctx)), {
                defaultValue: undefined,
              });
              if (reply && address) await this.outbox.reply(manager, reply as Envelope, address);
            }),
          ),
      );
      messagesConsumed.inc({
        transport: 'rabbitmq',
        type: envelope.type,
        outcome: outcome.duplicate ? 'duplicate' : 'handled',
      });
      channel.ack(msg);
    } catch (error) {
      const reason = (error as Error).message;
      messagesConsumed.inc({ transport: 'rabbitmq', type: envelope.type, outcome: 'failed_attempt' });
      if (attempt >= this.maxAttempts) return this.deadLetter(channel, msg, reason, attempt);
      this.logger.warn(`${envelope.type} ${envelope.id} failed (attempt ${attempt}), requeued: ${reason}`);
      await sleep(retryDelay(attempt, this.options.retryBaseMs ?? 200, MAX_RETRY_DELAY_MS));
      channel.nack(msg, false, true);
    }
  }

  /** Copies the message to the DLQ with the reason (confirmed), then acknowledges the original. */
  private async deadLetter(
    channel: Channel,
    msg: ConsumeMessage,
    reason: string,
    attempts: number,
  ): Promise<void> {
    this.logger.error(
      `command ${msg.fields.routingKey} dead-lettered after ${attempts} attempt(s): ${reason}`,
    );
    try {
      await this.connection.send({
        exchange: COMMAND_DLX,
        routingKey: commandDeadLetterQueue(this.service),
        body: msg.content,
        messageId: (msg.properties.messageId as string | undefined) ?? '',
        correlationId: msg.properties.correlationId as string | undefined,
        replyTo: msg.properties.replyTo as string | undefined,
        headers: {
          ...headersOf(msg),
          [DEAD_LETTER.reason]: truncate(reason),
          [DEAD_LETTER.source]: msg.fields.routingKey,
          [DEAD_LETTER.consumer]: this.service,
          [DEAD_LETTER.attempts]: String(attempts),
          [DEAD_LETTER.failedAt]: new Date().toISOString(),
        },
      });
      channel.ack(msg);
    } catch (error) {
      // Not copied: leave it to redelivery (and to the queue's own delivery limit).
      this.logger.error(`could not dead-letter ${msg.fields.routingKey}: ${(error as Error).message}`);
      channel.nack(msg, false, true);
    }
  }

  async close(): Promise<void> {
    await this.channel?.close().catch(() => undefined);
    this.channel = undefined;
  }

  on(): void {
    throw new Error('RabbitCommandServer does not expose broker events');
  }

  unwrap<T>(): T {
    return this.channel as T;
  }
}

function headersOf(msg: ConsumeMessage): MessageHeaders {
  const out: MessageHeaders = {};
  for (const [k, v] of Object.entries(msg.properties.headers ?? {})) {
    if (k.startsWith('x-death') || k === 'x-delivery-count' || v === undefined || v === null) continue;
    if (typeof v !== 'object') out[k] = String(v);
  }
  return out;
}
