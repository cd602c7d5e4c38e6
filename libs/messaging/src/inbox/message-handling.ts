import type { DataSource, EntityManager } from 'typeorm';
import type { Envelope } from '@sportclub/contracts';
import type { Outbox, ReplyAddress } from '@sportclub/outbox';

/** What a handler gets beside the envelope: its transaction and the outbox that writes into it. */
export class MessageContext {
  constructor(
    readonly envelope: Envelope,
    /** The handler's transaction: its writes, the inbox row and its outgoing messages commit together. */
    readonly manager: EntityManager,
    readonly outbox: Outbox,
    readonly service: string,
    readonly deliveryAttempt: number,
    /** Where a command's reply goes: kept by handlers that answer once more later (a Pix paid later). */
    readonly replyAddress?: ReplyAddress,
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
 * Records the envelopes in the consumer's inbox inside the caller's transaction; returns the ids that
 * were new (the others were handled before, or appear twice in the list).
 */
export async function claimInbox(
  manager: EntityManager,
  consumer: string,
  envelopes: Envelope[],
): Promise<Set<string>> {
  const rows: { message_id: string }[] = await manager.query(
    `INSERT INTO inbox (consumer, message_id, message_type)
     SELECT $1, * FROM unnest($2::uuid[], $3::text[])
     ON CONFLICT DO NOTHING RETURNING message_id`,
    [consumer, envelopes.map((e) => e.id), envelopes.map((e) => e.type)],
  );
  return new Set(rows.map((r) => r.message_id));
}

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
    if (!(await claimInbox(manager, consumer, [envelope])).has(envelope.id)) return { duplicate: true };
    return { duplicate: false, result: await run(manager) };
  });
}
