import { BaseRpcContext, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import {
  COMMAND_DLX,
  COMMAND_EXCHANGE,
  MAX_COMMAND_DELIVERIES,
  commandDeadLetterQueue,
  commandQueue,
  type ServiceName,
} from '@sportclub/contracts';
import type { RabbitConnection } from './rabbitmq.connection';
import type { MessageHeaders } from '../ports';

export const RABBIT_TRANSPORT = Symbol('rabbitmq-commands');

export class RabbitCommandContext extends BaseRpcContext<[ConsumeMessage]> {
  get routingKey(): string {
    return this.args[0].fields.routingKey;
  }
  get messageId(): string | undefined {
    return this.args[0].properties.messageId as string | undefined;
  }
  get headers(): MessageHeaders {
    return Object.fromEntries(
      Object.entries(this.args[0].properties.headers ?? {}).map(([k, v]) => [k, String(v)]),
    );
  }
  /** 1 on first delivery; quorum queues count redeliveries for us. */
  get deliveryCount(): number {
    return Number(this.args[0].properties.headers?.['x-delivery-count'] ?? 0) + 1;
  }
}

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
      'x-delivery-limit': MAX_COMMAND_DELIVERIES,
      'x-dead-letter-exchange': COMMAND_DLX,
      'x-dead-letter-routing-key': dlq,
    },
  });
  await channel.bindQueue(queue, COMMAND_EXCHANGE, `${service}.#`);
}

/**
 * The service's RabbitMQ command queue as a NestJS transport: `@MessagePattern('<service>.<command>')`
 * handlers receive the decoded body; the message is acknowledged only after the handler resolved (and
 * its reply, if the sender asked for one, was sent). A failure requeues it; past the delivery limit the
 * broker moves it to `<service>.commands.dlq`. A command nobody handles goes straight there.
 */
export class RabbitCommandServer extends Server implements CustomTransportStrategy {
  override readonly transportId = RABBIT_TRANSPORT;
  private channel?: Channel;

  constructor(
    private readonly connection: RabbitConnection,
    private readonly service: ServiceName,
    private readonly prefetch = 16,
  ) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
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
    await channel.prefetch(this.prefetch);
    await channel.consume(commandQueue(this.service), (msg) => msg && void this.handle(channel, msg), {
      noAck: false,
    });
    this.channel = channel;
  }

  private async handle(channel: Channel, msg: ConsumeMessage): Promise<void> {
    const handler = this.getHandlerByPattern(msg.fields.routingKey);
    if (!handler) {
      this.logger.warn(`no handler for command ${msg.fields.routingKey}; dead-lettering it`);
      channel.nack(msg, false, false);
      return;
    }
    try {
      const body: unknown = JSON.parse(msg.content.toString());
      const result = await lastValueFrom(
        this.transformToObservable(await handler(body, new RabbitCommandContext([msg]))),
        { defaultValue: undefined },
      );
      const { replyTo, correlationId } = msg.properties;
      if (replyTo) {
        await this.connection.send({
          exchange: '',
          routingKey: replyTo,
          correlationId,
          messageId: `${msg.properties.messageId ?? correlationId}:reply`,
          body: JSON.stringify(result ?? null),
        });
      }
      channel.ack(msg);
    } catch (error) {
      this.logger.error(`command ${msg.fields.routingKey} failed: ${(error as Error).message}`);
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
