import type { EntityManager } from 'typeorm';
import { messageRegistry, type Envelope, type MessageRegistry } from '@sportclub/contracts';
import { stampTraceContext } from '@sportclub/observability';

/** Where a reply goes: the queue the sender named, correlated by the id it chose. */
export interface ReplyAddress {
  replyTo: string;
  correlationId: string;
}

export interface SendOptions {
  /** Queue that receives the command's reply (a saga's own durable queue, or a process reply queue). */
  replyTo?: string;
}

interface Row {
  messageId: string;
  kind: 'kafka' | 'rabbitmq';
  destination: string;
  exchange: string | null;
  key: string;
  replyTo: string | null;
  correlationId: string | null;
  envelope: Envelope;
}

/**
 * Writes messages into the outbox inside the caller's transaction, so they are published if and only if
 * the state change commits. Every message is validated against its contract first (an invalid one
 * throws and rolls the transaction back) and stamped with the active trace context.
 */
export class Outbox {
  constructor(private readonly registry: MessageRegistry = messageRegistry) {}

  /** Events go to their aggregate's topic, keyed by subject; commands to their owner's queue. */
  async publish(
    manager: EntityManager,
    messages: Envelope | Envelope[],
    options: SendOptions = {},
  ): Promise<void> {
    const rows = (Array.isArray(messages) ? messages : [messages]).map((envelope) => {
      const stamped = this.stamp(envelope);
      const def = this.registry.require(stamped.type);
      if (def.kind === 'reply') throw new Error(`${def.type} is a reply: use Outbox.reply`);
      return def.kind === 'event'
        ? row(stamped, 'kafka', def.topic!, null, null, null)
        : row(stamped, 'rabbitmq', stamped.type, null, options.replyTo ?? null, stamped.id);
    });
    await this.insert(manager, rows);
  }

  /** A reply travels through the default exchange straight to the sender's queue. */
  async reply(manager: EntityManager, envelope: Envelope, to: ReplyAddress): Promise<void> {
    const stamped = this.stamp(envelope);
    await this.insert(manager, [row(stamped, 'rabbitmq', to.replyTo, '', null, to.correlationId)]);
  }

  private stamp(envelope: Envelope): Envelope {
    return this.registry.assertValid(stampTraceContext(envelope));
  }

  private async insert(manager: EntityManager, rows: Row[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO outbox (message_id, kind, destination, exchange, message_key, reply_to, correlation_id, envelope)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::json[])`,
      [
        rows.map((r) => r.messageId),
        rows.map((r) => r.kind),
        rows.map((r) => r.destination),
        rows.map((r) => r.exchange),
        rows.map((r) => r.key),
        rows.map((r) => r.replyTo),
        rows.map((r) => r.correlationId),
        rows.map((r) => JSON.stringify(r.envelope)),
      ],
    );
  }
}

function row(
  envelope: Envelope,
  kind: Row['kind'],
  destination: string,
  exchange: string | null,
  replyTo: string | null,
  correlationId: string | null,
): Row {
  return {
    messageId: envelope.id,
    kind,
    destination,
    exchange,
    key: envelope.subject,
    replyTo,
    correlationId,
    envelope,
  };
}
