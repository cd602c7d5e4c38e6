import { randomUUID } from 'node:crypto';
import type { ChannelModel } from 'amqplib';
import { messageRegistry, type Envelope, type MessageRegistry } from '@sportclub/contracts';
import { stampTraceContext } from '@sportclub/observability';
import type { RabbitConnection } from './rabbitmq.connection';

export class RequestTimeoutError extends Error {
  constructor(
    readonly type: string,
    readonly timeoutMs: number,
  ) {
    super(`no reply to ${type} within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

interface Pending {
  resolve(reply: Envelope): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Synchronous request/reply over the command bus, for callers that wait on an answer (an HTTP request
 * asking another service). Each process has one exclusive reply queue; replies are matched by
 * correlation id and a request gives up after its timeout. State-changing flows that must survive a
 * crash use the outbox with a durable reply queue instead (the saga engine does).
 */
export class CommandClient {
  private replyQueue?: string;
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly connection: RabbitConnection,
    private readonly registry: MessageRegistry = messageRegistry,
  ) {}

  async start(): Promise<void> {
    await this.connection.onConnect((model) => this.consumeReplies(model));
  }

  private async consumeReplies(model: ChannelModel): Promise<void> {
    const channel = await model.createChannel();
    channel.on('error', () => undefined);
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
    await channel.consume(
      queue,
      (msg) => {
        if (!msg) return;
        const waiting = this.pending.get(String(msg.properties.correlationId));
        if (!waiting) return; // late reply after a timeout
        const decoded = this.registry.decode(msg.content);
        if (decoded.ok) waiting.resolve(decoded.envelope);
        else waiting.reject(new Error(`invalid reply: ${decoded.reason}`));
      },
      { noAck: true },
    );
    this.replyQueue = queue;
  }

  async request<R = unknown>(command: Envelope, timeoutMs = 5_000): Promise<Envelope<R>> {
    if (!this.replyQueue) throw new Error('CommandClient is not started');
    const def = this.registry.require(command.type);
    if (def.kind !== 'command') throw new Error(`${command.type} is not a command`);
    const envelope = this.registry.assertValid(stampTraceContext(command));
    const correlationId = randomUUID();
    const reply = new Promise<Envelope>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(correlationId);
        reject(new RequestTimeoutError(command.type, timeoutMs));
      }, timeoutMs);
      this.pending.set(correlationId, {
        resolve: (r) => (clearTimeout(timer), this.pending.delete(correlationId), resolve(r)),
        reject: (e) => (clearTimeout(timer), this.pending.delete(correlationId), reject(e)),
        timer,
      });
    });
    try {
      await this.connection.send({
        routingKey: envelope.type,
        body: JSON.stringify(envelope),
        messageId: envelope.id,
        correlationId,
        replyTo: this.replyQueue,
        headers: envelope.traceparent ? { traceparent: envelope.traceparent } : {},
      });
    } catch (error) {
      this.pending.get(correlationId)?.reject(error as Error);
    }
    return reply as Promise<Envelope<R>>;
  }

  close(): void {
    for (const p of this.pending.values()) p.reject(new Error('CommandClient closed'));
  }
}
