import type { DataSource, EntityManager } from 'typeorm';
import type { Envelope } from '@sportclub/contracts';
import type { Outbox } from '@sportclub/outbox';

/** What a handler gets beside the envelope: its transaction and the outbox that writes into it. */
export class MessageContext {
  constructor(
    readonly envelope: Envelope,
    /** The handler's transaction: its writes, the inbox row and its outgoing messages commit together. */
    readonly manager: EntityManager,
    readonly outbox: Outbox,
    readonly service: string,
    readonly deliveryAttempt: number,
  ) {}

  /** Envelope fields for a message caused by this one: same tenant and flow, this message as cause. */
  follow(): { source: string; tenantId: string; correlationId: string; causationId: string } {
    return {
      source: this.service,
      tenantId: this.envelope.tenantid,
      correlationId: this.envelope.correlationid,
      causationId: this.envelope.id,
    };
  }
}

export type HandlingOutcome<T> = { duplicate: true } | { duplicate: false; result: T };

/**
 * Runs a handler exactly once per message id and consumer: the inbox row, the handler's writes and its
 * outbox rows share one transaction, so a crash anywhere rolls all of them back and a redelivery —
 * or a duplicate arriving later — finds either nothing done or everything done.
 */
export async function handleOnce<T>(
  dataSource: DataSource,
  consumer: string,
  envelope: Envelope,
  run: (manager: EntityManager) => Promise<T>,
): Promise<HandlingOutcome<T>> {
  return dataSource.transaction(async (manager) => {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO inbox (consumer, message_id, message_type) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING message_id`,
      [consumer, envelope.id, envelope.type],
    );
    if (inserted.length === 0) return { duplicate: true };
    return { duplicate: false, result: await run(manager) };
  });
}
