import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
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

/** An outbox row as written: what the sender publishes after the commit, without reading it back. */
export interface OutboxMessage {
  /** The row's id (bigserial, as text): the order of the rows, and what a mark refers to. */
  id: string;
  kind: 'kafka' | 'rabbitmq';
  /** Kafka topic; RabbitMQ routing key (a command's type, or the reply queue). */
  destination: string;
  /** RabbitMQ exchange; null for the command exchange, '' for the default one (replies). */
  exchange: string | null;
  /** The aggregate key (the envelope's subject): rows of one lane are published in id order. */
  key: string;
  replyTo: string | null;
  correlationId: string | null;
  envelope: Envelope;
  /** The envelope's JSON text, exactly as stored and published. */
  body: string;
  /**
   * Pending rows of the same lane written before this one and visible when it was inserted (at most
   * {@link OLDER_PENDING_LIMIT} + 1): the sender sends the row itself only when it holds all of them.
   */
  olderPending: string[];
}

/** How many older pending rows of a lane the insert reports; one more means "more than the sender tracks". */
export const OLDER_PENDING_LIMIT = 8;

/**
 * Writes `sent_at` of the rows `ids` (an SQL `bigint[]` expression) names — a mark — skipping rows
 * another relay's sweep has locked, as that sweep marks them itself.
 */
export const markSentSql = (ids: string) =>
  `UPDATE outbox SET sent_at = clock_timestamp(), last_error = NULL
    WHERE id IN (SELECT id FROM outbox WHERE id = ANY(${ids}) AND sent_at IS NULL FOR UPDATE SKIP LOCKED)`;

/** What sends the rows of committed transactions (the relay; see {@link Outbox.sendAfterCommit}). */
export interface OutboxSender {
  /** Rows of a transaction that just committed. */
  dispatch(rows: OutboxMessage[]): void;
  /** Ids of rows sent whose `sent_at` is still to be written: the next outbox write carries them. */
  takeMarks(): string[];
  /** The write that carried `ids` committed, or rolled back (then they wait for another). */
  settleMarks(ids: string[], committed: boolean): void;
}

interface Staged {
  depth: number;
  rows: OutboxMessage[];
  written: boolean;
}

/** A transaction's rows, written in one statement just before its COMMIT, with the marks it carries. */
interface Pending {
  staged: Staged[];
  marks: string[];
}

/**
 * Writes messages into the outbox inside the caller's transaction, so they are published if and only if
 * the state change commits. Every message is validated against its contract first (an invalid one
 * throws and rolls the transaction back) and stamped with the active trace context.
 *
 * With {@link sendAfterCommit}, the rows of a transaction are kept in memory and written in one INSERT
 * just before its COMMIT — which also writes the `sent_at` of rows the sender has sent meanwhile — and
 * handed to the sender as soon as the transaction commits, so they leave without waiting for the
 * relay's sweep. A nested transaction (a savepoint) writes the rows staged before it when it starts and
 * its own when it is released, so an insert that fails there fails only the savepoint, and rows keep
 * the order they were published in; rows of one that rolls back are dropped. Savepoints must therefore
 * be TypeORM nested transactions (`manager.transaction`), never hand-written `SAVEPOINT` statements. An
 * insert that fails at the outermost commit fails the COMMIT, which rolls the transaction back.
 */
export class Outbox {
  private readonly pending = new WeakMap<QueryRunner, Pending>();
  /** Transaction nesting per query runner, counted from TypeORM's transaction events. */
  private readonly depths = new WeakMap<QueryRunner, number>();
  private sender?: OutboxSender;

  constructor(private readonly registry: MessageRegistry = messageRegistry) {}

  /**
   * Hands the rows of every transaction of `dataSource` that commits to `sender` (the relay). Without
   * it, each publish is an INSERT at once and rows wait for the relay's sweep.
   */
  sendAfterCommit(dataSource: DataSource, sender: OutboxSender): void {
    if (this.sender) throw new Error('the outbox already sends after commit');
    this.sender = sender;
    const nest = (runner: QueryRunner, by: number) => {
      const depth = Math.max(0, (this.depths.get(runner) ?? 0) + by);
      this.depths.set(runner, depth);
      return depth;
    };
    const subscriber: EntitySubscriberInterface = {
      beforeTransactionStart: ({ queryRunner }) =>
        (this.depths.get(queryRunner) ?? 0) > 0 ? this.flush(queryRunner, false) : undefined,
      afterTransactionStart: ({ queryRunner }) => void nest(queryRunner, 1),
      beforeTransactionCommit: ({ queryRunner }) =>
        this.flush(queryRunner, this.depths.get(queryRunner) === 1),
      afterTransactionCommit: ({ queryRunner }) => this.committed(queryRunner, nest(queryRunner, -1)),
      afterTransactionRollback: ({ queryRunner }) => this.rolledBack(queryRunner, nest(queryRunner, -1)),
    };
    dataSource.subscribers.push(subscriber);
  }

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

  private async insert(manager: EntityManager, rows: OutboxMessage[]): Promise<void> {
    if (rows.length === 0) return;
    const runner = manager.queryRunner;
    if (!this.sender || !runner?.isTransactionActive) {
      await this.write(manager, rows, []);
      return this.sender?.dispatch(rows); // autocommitted: already durable
    }
    const pending = this.pending.get(runner) ?? { staged: [], marks: [] };
    const depth = this.depths.get(runner) ?? 1;
    const top = pending.staged[pending.staged.length - 1];
    if (top?.depth === depth && !top.written) top.rows.push(...rows);
    else pending.staged.push({ depth, rows, written: false });
    this.pending.set(runner, pending);
  }

  /**
   * Writes the rows staged and not written yet, in one statement; just before the outermost COMMIT it
   * also carries the sender's marks.
   */
  private async flush(runner: QueryRunner, outermost: boolean): Promise<void> {
    const pending = this.pending.get(runner);
    const unwritten = pending?.staged.filter((s) => !s.written) ?? [];
    const rows = unwritten.flatMap((s) => s.rows);
    if (!pending || rows.length === 0) return;
    const marks = outermost ? this.sender!.takeMarks() : [];
    if (outermost) pending.marks = marks;
    await this.write(runner.manager, rows, marks);
    for (const s of unwritten) s.written = true;
  }

  /**
   * One INSERT of `rows` (each learns its id and the pending rows ahead of it in its lane, as of the
   * statement's snapshot), carrying the `sent_at` of `marks` — skipping rows another relay's sweep has
   * locked, as that sweep marks them itself.
   */
  private async write(manager: EntityManager, rows: OutboxMessage[], marks: string[]): Promise<void> {
    const inserted: { id: string; message_id: string; destination: string; older: string[] }[] =
      await manager.query(
        `${marks.length > 0 ? `WITH marked AS (${markSentSql('$9::bigint[]')}) ` : ''}INSERT INTO outbox (message_id, kind, destination, exchange, message_key, reply_to, correlation_id, envelope)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::json[])
         RETURNING id, message_id, destination,
           ARRAY(SELECT o.id::text FROM outbox o
                  WHERE o.sent_at IS NULL AND o.kind = outbox.kind AND o.destination = outbox.destination
                    AND o.message_key = outbox.message_key AND o.id < outbox.id
                  ORDER BY o.id LIMIT ${OLDER_PENDING_LIMIT + 1}) AS older`,
        [
          rows.map((r) => r.envelope.id),
          rows.map((r) => r.kind),
          rows.map((r) => r.destination),
          rows.map((r) => r.exchange),
          rows.map((r) => r.key),
          rows.map((r) => r.replyTo),
          rows.map((r) => r.correlationId),
          rows.map((r) => r.body),
          ...(marks.length > 0 ? [marks] : []),
        ],
      );
    if (!this.sender) return;
    for (const r of rows) {
      const written = inserted.find((i) => i.message_id === r.envelope.id && i.destination === r.destination);
      if (!written) throw new Error(`outbox row of ${r.envelope.id} was not returned by its insert`);
      r.id = String(written.id);
      r.olderPending = written.older;
    }
  }

  /** A nested transaction's release folds its rows into its parent's; the outermost commit sends them. */
  private committed(runner: QueryRunner, depth: number): void {
    const pending = this.pending.get(runner);
    if (!pending) return;
    if (runner.isTransactionActive) {
      for (const s of pending.staged) if (s.depth > depth) s.depth = depth;
      return;
    }
    this.pending.delete(runner);
    this.sender!.settleMarks(pending.marks, true);
    const rows = pending.staged.flatMap((s) => s.rows);
    if (rows.length > 0) this.sender!.dispatch(rows);
  }

  /** Rows written at the rolled-back level (or deeper) never existed; carried marks wait again. */
  private rolledBack(runner: QueryRunner, depth: number): void {
    const pending = this.pending.get(runner);
    if (!pending) return;
    if (!runner.isTransactionActive) {
      this.pending.delete(runner);
      return this.sender!.settleMarks(pending.marks, false);
    }
    pending.staged = pending.staged.filter((s) => s.depth <= depth);
  }
}

function row(
  envelope: Envelope,
  kind: OutboxMessage['kind'],
  destination: string,
  exchange: string | null,
  replyTo: string | null,
  correlationId: string | null,
): OutboxMessage {
  return {
    id: '',
    kind,
    destination,
    exchange,
    key: envelope.subject,
    replyTo,
    correlationId,
    envelope,
    body: JSON.stringify(envelope),
    olderPending: [],
  };
}
