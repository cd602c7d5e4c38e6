import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { DataSource, EntityManager } from 'typeorm';
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
import { inSpan, stampTraceContext, withCorrelationId } from '@sportclub/observability';
import type { Outbox, OutboxMessage, OutboxRelay, ReplyAddress } from '@sportclub/outbox';
import { backoff } from '@sportclub/resilience';
import type { RabbitConnection } from './rabbitmq.connection';
import type { CommandHandlerRegistry } from '../command-handlers';
import { RABBIT_TRANSPORT } from '../handlers';
import { dataExceptionCode, notRetried } from '../inbox/data-error';
import { MessageContext, claimInbox, handleOnce } from '../inbox/message-handling';
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
  /** Backoff before a requeue (`backoff` of libs/resilience, equal jitter): the first retry's ceiling, in ms. */
  retryBaseMs?: number;
  /** Most commands of `batched` handlers sharing one transaction (default 16). */
  batchSize?: number;
  /** Batches handled at the same time (default 2). */
  batchConcurrency?: number;
  /** Handlers registered in code, served next to the `@OnCommand` ones. */
  handlers?: CommandHandlerRegistry;
  /**
   * The service's relay: commands this service sends itself to a `callsVendor` handler run in this
   * process right after the commit (a local durable step) instead of through the queue.
   */
  relay?: OutboxRelay;
}

type Handler = NonNullable<ReturnType<Server['getHandlerByPattern']>>;

interface Delivery {
  channel: Channel;
  msg: ConsumeMessage;
  envelope: Envelope;
  handler: Handler;
  attempt: number;
}

/**
 * The service's command queue as a NestJS transport. Commands (and replies addressed to this service)
 * are validated, then handled once through the inbox; a handler's reply is written to the outbox in the
 * same transaction, and the message is acknowledged only after that transaction committed. A failure is
 * requeued after a backoff; the last attempt, an invalid message or one nobody handles goes to
 * `<service>.commands.dlq` with the reason. Commands of `@OnCommand(…, { batched: true })` handlers
 * that wait together share one transaction, as the Kafka consumer's chunks do; the others, and every
 * redelivery, get a transaction each.
 */
export class RabbitCommandServer extends Server implements CustomTransportStrategy {
  override readonly transportId = RABBIT_TRANSPORT;
  private channel?: Channel;
  private readonly maxAttempts: number;
  private readonly waiting: Delivery[] = [];
  private batchesInFlight = 0;

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
      for (const { type, handle, ...extras } of this.options.handlers?.take() ?? []) {
        if (this.messageHandlers.has(type)) {
          throw new Error(`${type} has an @OnCommand handler and a registered one`);
        }
        this.addHandler(
          type,
          (envelope: Envelope, ctx: MessageContext) => handle(envelope, ctx),
          false,
          extras,
        );
      }
      for (const [type, handler] of this.messageHandlers) {
        if (this.registry.get(type)?.kind === 'event') throw new Error(`@OnCommand(${type}): it is an event`);
        if (!this.registry.get(type)) throw new Error(`@OnCommand(${type}): not in the registry`);
        if (handler.extras?.callsVendor === true) {
          this.options.relay?.runLocally(type, (message, { swept }) =>
            this.runLocalStep(message, handler, swept),
          );
        }
      }
      await this.connection.onConnect((model) => this.consume(model));
      callback();
    } catch (error) {
      callback(error);
    }
  }

  private get consumerName(): string {
    return `rabbitmq:${this.service}`;
  }

  private async consume(model: ChannelModel): Promise<void> {
    const channel = await model.createChannel();
    channel.on('error', (error: Error) => this.logger.error(`command channel error: ${error.message}`));
    await assertCommandTopology(channel, this.service);
    await channel.prefetch(this.options.prefetch ?? 16);
    await channel.consume(commandQueue(this.service), (msg) => msg && void this.receive(channel, msg), {
      noAck: false,
    });
    this.channel = channel;
  }

  private async receive(channel: Channel, msg: ConsumeMessage): Promise<void> {
    const attempt = Number(msg.properties.headers?.['x-delivery-count'] ?? 0) + 1;
    const decoded = this.registry.decode(msg.content);
    if (!decoded.ok)
      return this.deadLetter({ channel, msg, attempt, ...this.asFarAsItParses(msg) }, decoded.reason);
    const envelope = decoded.envelope;
    const handler = this.getHandlerByPattern(envelope.type);
    if (!handler) {
      return this.deadLetter({ channel, msg, attempt }, `no handler for ${envelope.type} in ${this.service}`);
    }
    const delivery = { channel, msg, envelope, handler, attempt };
    if (handler.extras?.batched !== true || attempt > 1) return this.handleAlone(delivery);
    this.waiting.push(delivery);
    return this.drain();
  }

  /** Handles waiting batchable commands, a batch at a time, while fewer than the limit are running. */
  private async drain(): Promise<void> {
    if (this.batchesInFlight >= (this.options.batchConcurrency ?? 2)) return;
    this.batchesInFlight++;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.options.batchSize ?? 16);
        await (batch.length === 1 ? this.handleAlone(batch[0]) : this.handleBatch(batch));
      }
    } finally {
      this.batchesInFlight--;
    }
  }

  /** One transaction for the batch; if it fails, nothing of it stays and each is handled on its own. */
  private async handleBatch(batch: Delivery[]): Promise<void> {
    let handled: Set<Delivery>;
    let failed: Delivery | undefined;
    try {
      handled = await this.dataSource.transaction(async (manager) => {
        const fresh = await claimInbox(
          manager,
          this.consumerName,
          batch.map((d) => d.envelope),
        );
        const done = new Set<Delivery>();
        for (const delivery of batch) {
          if (!fresh.delete(delivery.envelope.id)) continue; // handled before, or twice in this batch
          failed = delivery;
          await this.invoke(delivery, manager);
          done.add(delivery);
        }
        failed = undefined; // a failure from here on (the commit) is no one command's
        return done;
      });
    } catch (error) {
      this.logger.warn(
        `${failed?.envelope.type} ${failed?.envelope.id} failed in a batch of ${batch.length}, handling them one by one: ${(error as Error).message}`,
      );
      const dataError = dataExceptionCode(error);
      // The command that broke the batch with a data exception would fail the same way alone.
      await Promise.all(
        batch.map((d) =>
          dataError && d === failed
            ? this.deadLetter(d, notRetried(dataError, (error as Error).message))
            : this.handleAlone(d),
        ),
      );
      return;
    }
    for (const delivery of batch) {
      const outcome = handled.has(delivery) ? 'handled' : 'duplicate';
      messagesConsumed.inc({ transport: 'rabbitmq', type: delivery.envelope.type, outcome });
      delivery.channel.ack(delivery.msg);
    }
  }

  private async handleAlone(delivery: Delivery): Promise<void> {
    const { channel, msg, envelope, attempt, handler } = delivery;
    try {
      const duplicate =
        handler.extras?.callsVendor === true
          ? await this.handleOutsideTransaction(envelope, handler, {
              route: msg.fields.routingKey,
              attempt,
              address: replyAddressOf(msg, envelope),
              headers: headersOf(msg),
            })
          : (
              await handleOnce(this.dataSource, this.consumerName, envelope, (manager) =>
                this.invoke(delivery, manager),
              )
            ).duplicate;
      messagesConsumed.inc({
        transport: 'rabbitmq',
        type: envelope.type,
        outcome: duplicate ? 'duplicate' : 'handled',
      });
      channel.ack(msg);
    } catch (error) {
      const reason = (error as Error).message;
      messagesConsumed.inc({ transport: 'rabbitmq', type: envelope.type, outcome: 'failed_attempt' });
      const dataError = dataExceptionCode(error);
      if (dataError) return this.deadLetter(delivery, notRetried(dataError, reason));
      if (attempt >= this.maxAttempts) return this.deadLetter(delivery, reason);
      this.logger.warn(`${envelope.type} ${envelope.id} failed (attempt ${attempt}), requeued: ${reason}`);
      const retryBaseMs = this.options.retryBaseMs ?? 200;
      await sleep(backoff(attempt, { baseMs: retryBaseMs, maxMs: MAX_RETRY_DELAY_MS, jitter: 'equal' }));
      channel.nack(msg, false, true);
    }
  }

  /** Runs the handler in the given transaction and writes its reply, if any, to the outbox there. */
  private invoke({ msg, envelope, handler, attempt }: Delivery, manager: EntityManager): Promise<void> {
    const address = replyAddressOf(msg, envelope);
    return this.traced(msg.fields.routingKey, envelope, headersOf(msg), async () => {
      const ctx = new MessageContext(envelope, manager, this.outbox, this.service, attempt, address);
      await this.writeReply(await this.call(handler, envelope, ctx), address, manager);
    });
  }

  /**
   * A `callsVendor` handler: called with no transaction open, then its reply is recorded with the inbox
   * row in one short transaction (a local step's outbox row is marked by the relay afterwards). A command
   * handled before is not called again. Returns whether the command was a duplicate.
   */
  private async handleOutsideTransaction(
    envelope: Envelope,
    handler: Handler,
    at: {
      route: string;
      attempt: number;
      address?: ReplyAddress;
      headers: MessageHeaders;
      /** Known never to have been handled (skips the inbox look-up before the call). */
      new?: boolean;
    },
  ): Promise<boolean> {
    const [seen] = at.new
      ? []
      : await this.dataSource.query<unknown[]>(
          'SELECT 1 FROM inbox WHERE consumer = $1 AND message_id = $2',
          [this.consumerName, envelope.id],
        );
    if (seen) return true;
    return this.traced(at.route, envelope, at.headers, async () => {
      const ctx = new MessageContext(
        envelope,
        noTransaction(envelope.type),
        this.outbox,
        this.service,
        at.attempt,
        at.address,
      );
      const reply = await this.call(handler, envelope, ctx);
      return this.dataSource.transaction(async (manager) => {
        // A twin delivery may have recorded it meanwhile; the vendor call was idempotent.
        if (!(await claimInbox(manager, this.consumerName, [envelope])).has(envelope.id)) return true;
        await this.writeReply(reply, at.address, manager);
        return false;
      });
    });
  }

  /** A local durable step (see `callsVendor`): the relay hands over the row right after its commit. */
  private async runLocalStep(message: OutboxMessage, handler: Handler, swept: boolean): Promise<void> {
    const { envelope, replyTo, correlationId } = message;
    const address = replyTo ? { replyTo, correlationId: correlationId ?? envelope.id } : undefined;
    const duplicate = await this.handleOutsideTransaction(envelope, handler, {
      route: message.destination,
      attempt: 1,
      address,
      headers: {},
      // Handed over by the commit that wrote it, it cannot have run before: no inbox look-up.
      new: !swept,
    });
    messagesConsumed.inc({
      transport: 'local',
      type: envelope.type,
      outcome: duplicate ? 'duplicate' : 'handled',
    });
  }

  private async call(
    handler: Handler,
    envelope: Envelope,
    ctx: MessageContext,
  ): Promise<Envelope | undefined> {
    return (await lastValueFrom(this.transformToObservable(await handler(envelope, ctx)), {
      defaultValue: undefined,
    })) as Envelope | undefined;
  }

  /** The consumer span (`process <routing key>`) and the correlation id around handling a message. */
  private traced<T>(
    route: string,
    envelope: Envelope,
    headers: MessageHeaders,
    work: () => Promise<T>,
  ): Promise<T> {
    return inSpan(
      `process ${route}`,
      {
        kind: 'consumer',
        parent: headers.traceparent ? headers : { traceparent: envelope.traceparent },
        attributes: {
          'messaging.system': 'rabbitmq',
          'messaging.destination.name': commandQueue(this.service),
          'messaging.message.id': envelope.id,
        },
      },
      () => withCorrelationId(envelope.correlationid, work),
    );
  }

  /** A reply to this service's own queue is handled in place; any other goes to the outbox. */
  private async writeReply(
    reply: Envelope | undefined,
    address: ReplyAddress | undefined,
    manager: EntityManager,
  ): Promise<void> {
    if (!reply || !address) return;
    if (address.replyTo === commandQueue(this.service)) await this.replyHere(reply, manager);
    else await this.outbox.reply(manager, reply, address);
  }

  /**
   * A reply to a command this service sent itself (the saga asking its own side to open a court) is
   * handled here, in the command's transaction and through the inbox, instead of a relay round and a
   * delivery back to the same queue: the effect is the same, one hop sooner.
   */
  private async replyHere(reply: Envelope, manager: EntityManager): Promise<void> {
    const stamped = this.registry.assertValid(stampTraceContext(reply));
    const handler = this.getHandlerByPattern(stamped.type);
    if (!handler) throw new Error(`no handler for ${stamped.type} in ${this.service}`);
    if (!(await claimInbox(manager, this.consumerName, [stamped])).has(stamped.id)) return;
    const ctx = new MessageContext(stamped, manager, this.outbox, this.service, 1);
    await lastValueFrom(this.transformToObservable(await handler(stamped, ctx)), { defaultValue: undefined });
  }

  /**
   * An invalid command's type and handler, when its body is JSON naming a handled type: a command that
   * carries secrets is dead-lettered without its data even when it fails validation (a bad URL beside a
   * stream key).
   */
  private asFarAsItParses(msg: ConsumeMessage): Partial<Pick<Delivery, 'envelope' | 'handler'>> {
    try {
      const parsed: unknown = JSON.parse(msg.content.toString());
      const type = (parsed as { type?: unknown } | null)?.type;
      const handler = typeof type === 'string' ? this.getHandlerByPattern(type) : undefined;
      return handler ? { envelope: parsed as Envelope, handler } : {};
    } catch {
      return {};
    }
  }

  /**
   * Copies the message to the DLQ with the reason (confirmed), then acknowledges the original; the data
   * of a command whose handler `carriesSecrets` is not copied.
   */
  private async deadLetter(
    {
      channel,
      msg,
      attempt: attempts,
      envelope,
      handler,
    }: Pick<Delivery, 'channel' | 'msg' | 'attempt'> & Partial<Pick<Delivery, 'envelope' | 'handler'>>,
    reason: string,
  ): Promise<void> {
    this.logger.error(
      `command ${msg.fields.routingKey} dead-lettered after ${attempts} attempt(s): ${reason}`,
    );
    try {
      await this.connection.send({
        exchange: COMMAND_DLX,
        routingKey: commandDeadLetterQueue(this.service),
        body:
          envelope && handler?.extras?.carriesSecrets === true
            ? Buffer.from(JSON.stringify({ ...envelope, data: { redacted: true } }))
            : msg.content,
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

function replyAddressOf(msg: ConsumeMessage, envelope: Envelope): ReplyAddress | undefined {
  const { replyTo, correlationId } = msg.properties as { replyTo?: string; correlationId?: string };
  return replyTo ? { replyTo, correlationId: correlationId ?? envelope.id } : undefined;
}

/** The manager of a `callsVendor` handler's context: there is no transaction to use. */
function noTransaction(type: string): EntityManager {
  return new Proxy({} as EntityManager, {
    get() {
      throw new Error(`${type} calls a vendor: its handler runs outside any transaction (no ctx.manager)`);
    },
  });
}

function headersOf(msg: ConsumeMessage): MessageHeaders {
  const out: MessageHeaders = {};
  for (const [k, v] of Object.entries(msg.properties.headers ?? {})) {
    if (k.startsWith('x-death') || k === 'x-delivery-count' || v === undefined || v === null) continue;
    if (typeof v !== 'object') out[k] = String(v);
  }
  return out;
}
