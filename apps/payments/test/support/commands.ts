import type { Envelope } from '@sportclub/contracts';
import { RabbitConnection } from '@sportclub/messaging';
import { eventually, localInfraEnv, repoRoot } from '@sportclub/testing';

type Definition<T> = { envelope(init: never): Envelope<T> };

/**
 * Sends commands to payments' queue over the real RabbitMQ, as the gateway's saga does, and collects the
 * replies on an exclusive queue (each correlated with its command's id).
 */
export class PaymentsCommands {
  readonly replies: (Envelope<Record<string, unknown>> & { replyTo: string })[] = [];

  private constructor(
    private readonly rabbit: RabbitConnection,
    private readonly queue: string,
  ) {}

  static async open(name: string): Promise<PaymentsCommands> {
    const rabbit = new RabbitConnection({
      url: localInfraEnv(repoRoot()).RABBITMQ_URL,
      connectionName: name,
    });
    await rabbit.connect();
    const channel = await rabbit.openChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true });
    const commands = new PaymentsCommands(rabbit, queue);
    await channel.consume(
      queue,
      (msg) =>
        msg &&
        commands.replies.push({
          ...(JSON.parse(msg.content.toString()) as Envelope<Record<string, unknown>>),
          replyTo: String(msg.properties.correlationId),
        }),
      { noAck: true },
    );
    return commands;
  }

  /** A command envelope from the gateway, for `tenantId`. */
  command<T>(def: Definition<T>, tenantId: string, subject: string, data: T): Envelope<T> {
    return (def.envelope as (init: unknown) => Envelope<T>)({
      source: 'access-gateway',
      tenantId,
      subject,
      data,
    });
  }

  /** Sends a command; `body` is its JSON text when it must hold what JSON.stringify cannot write. */
  send(envelope: Envelope, body = JSON.stringify(envelope)): Promise<void> {
    return this.rabbit.send({
      routingKey: envelope.type,
      body,
      messageId: envelope.id,
      replyTo: this.queue,
      correlationId: envelope.id,
    });
  }

  /** The replies to one command, in arrival order. */
  repliesTo(commandId: string) {
    return this.replies.filter((r) => r.replyTo === commandId);
  }

  /** Sends a command and waits for its (first) reply. */
  async ask<T, R = Record<string, unknown>>(
    def: Definition<T>,
    tenantId: string,
    subject: string,
    data: T,
    timeoutMs = 10_000,
  ): Promise<Envelope<R>> {
    const envelope = this.command(def, tenantId, subject, data);
    await this.send(envelope);
    await eventually(() => this.repliesTo(envelope.id).length > 0, `a reply to ${envelope.type}`, timeoutMs);
    return this.repliesTo(envelope.id)[0] as unknown as Envelope<R>;
  }

  close(): Promise<void> {
    return this.rabbit.close();
  }
}
