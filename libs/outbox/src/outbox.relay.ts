import { Pool, type PoolClient, type QueryResult } from 'pg';
import { Counter, Gauge } from 'prom-client';
import {
  COMMAND_EXCHANGE,
  type CommandPublisher,
  type Envelope,
  type EventPublisher,
} from '@sportclub/contracts';
import { metricsRegistry, startMessageSpan, type MessageSpan } from '@sportclub/observability';
import { backoff } from '@sportclub/resilience';
import { Coalescer } from './coalescer';
import { OLDER_PENDING_LIMIT, markSentSql, type OutboxMessage, type OutboxSender } from './outbox.writer';

export interface RelayOptions {
  /** Rows claimed per sweep round trip. */
  batchSize?: number;
  /** How often the sweeper looks for rows nobody sent, in ms. */
  pollIntervalMs?: number;
  /**
   * A pending row younger than this (ms) is left to the process that committed it; older ones are swept
   * (a crash between commit and send, a broker that was down, another replica's orphans).
   */
  sweepAfterMs?: number;
  /** Backoff of a failed lane (`backoff` of libs/resilience, equal jitter): the first retry's ceiling, in ms. */
  retryBaseMs?: number;
  /** The largest backoff ceiling, in ms. */
  retryMaxMs?: number;
  /** How long a swept local step is left to the process running it before another may run it, in ms. */
  localLeaseMs?: number;
  /**
   * Sweeps of a local step before it goes through the broker instead, to its service's queue, where a
   * step that keeps failing is dead-lettered with its error like any command.
   */
  localAttempts?: number;
  /**
   * Local steps run at once in this process; the others wait their turn in memory (held, so no sweep
   * runs them twice). Without a bound, a restart that sweeps thousands of steps runs them all together
   * and starves the service's connection pool.
   */
  localConcurrency?: number;
  /** Sent rows are kept this long (for audits and replays), then deleted. */
  retentionMs?: number;
  pruneIntervalMs?: number;
  /** Called with every error the relay survives (it never stops on one). */
  onError?: (error: Error) => void;
}

export interface RelayPublishers {
  events: EventPublisher;
  commands: CommandPublisher;
}

/**
 * Runs a command this service sent itself, in this process (a local durable step), and records its
 * outcome through the inbox; once it resolves the relay marks the row sent, like a sent one. A crash
 * before the mark runs it again, so it must find its own record and not act twice. A rejection leaves
 * the row to the sweeper, which runs it again (`swept: true`: the step may have run before, e.g. in a
 * process that died).
 */
export type LocalStep = (message: OutboxMessage, from: { swept: boolean }) => Promise<void>;

interface StoredRow {
  id: string;
  kind: 'kafka' | 'rabbitmq';
  destination: string;
  exchange: string | null;
  message_key: string;
  reply_to: string | null;
  correlation_id: string | null;
  envelope: string;
  attempts: number;
  behind: boolean;
}

const DEFAULTS = {
  batchSize: 200,
  pollIntervalMs: 500,
  sweepAfterMs: 1_000,
  retryBaseMs: 250,
  retryMaxMs: 60_000,
  localLeaseMs: 30_000,
  localAttempts: 3,
  localConcurrency: 64,
  retentionMs: 7 * 24 * 3_600_000,
  pruneIntervalMs: 60_000,
};

/** How long the sender remembers what became of a row it no longer holds (two generations of this). */
const REMEMBER_MS = 30_000;

/**
 * Publishes outbox rows two ways (the design of NServiceBus's and MassTransit's outbox, Wolverine's
 * durable sending agent):
 *
 * - **Sent after commit** ({@link dispatch}). The process that committed rows publishes them from memory
 *   right away, with broker confirms, one row at a time per lane (destination + aggregate key), so order
 *   per aggregate holds. A row is sent this way only when every older pending row of its lane is one the
 *   sender holds or sent; otherwise, and when a send fails, it is left to the sweeper. Sent rows are
 *   marked without a statement of their own: the process's next outbox write carries the marks waiting
 *   ({@link takeMarks}), and the sweep's COMMIT carries whatever no write took. A mark a crash loses only
 *   re-sends, and consumers dedupe on the envelope id. A command this service sent itself whose type has
 *   a {@link LocalStep} runs here instead of travelling through the broker.
 * - **Swept** ({@link relayOnce}). Every `pollIntervalMs`, rows pending for longer than `sweepAfterMs`
 *   and not held by this process are claimed with `FOR UPDATE SKIP LOCKED` (replicas share them),
 *   kept only when every earlier pending row of their lane is in the batch, published in id order and
 *   marked sent in the claim's transaction. A failed lane is retried with exponential backoff and holds
 *   back its later rows only. A crash after publishing and before the mark re-sends: delivery is
 *   at-least-once.
 */
export class OutboxRelay implements OutboxSender {
  private readonly options: Required<Omit<RelayOptions, 'onError'>> & Pick<RelayOptions, 'onError'>;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private lastPrune = 0;
  private readonly localSteps = new Map<string, LocalStep>();
  /** Local steps the sweep handed over (they may have run before). */
  private readonly swept = new WeakSet<OutboxMessage>();
  private localRunning = 0;
  private readonly localQueue: (() => void)[] = [];

  /** Rows the sender holds: queued in a lane or being published / run. */
  private readonly held = new Set<string>();
  /** Rows sent whose mark no write carries yet. */
  private waitingMarks: string[] = [];
  /** Marks a write has taken and not settled, with when: a write that never settles (its connection died
   * inside the COMMIT) must not keep its rows out of the sweep for ever. */
  private readonly carried = new Map<string[], number>();
  /** What became of rows no longer held, for the lane check of rows committed later. */
  private readonly fate = new Generations<'sent' | 'left'>(REMEMBER_MS);
  private readonly lanes = new Map<string, OutboxMessage[]>();
  private readonly kafkaTopics = new Map<string, Coalescer<OutboxMessage>>();

  /** Its own small pool: handlers holding every connection of the service's pool must not stall it. */
  private readonly pool: Pool;

  constructor(
    connectionString: string,
    private readonly publishers: RelayPublishers,
    options: RelayOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.pool = new Pool({
      connectionString,
      max: 2,
      application_name: 'outbox-relay',
      // Marks and sweeps that a crash loses only re-send (consumers dedupe): no wait for the disk.
      options: '-c synchronous_commit=off',
    });
    this.pool.on('error', (error) => this.options.onError?.(error));
    registerOutboxMetrics(this.pool);
  }

  /** Starts the sweeper. Rows handed to {@link dispatch} are sent whether or not it runs. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Stops and releases the relay's connections, after the sends in flight (5 s at most) and a last mark. */
  async close(): Promise<void> {
    await this.stop();
    const until = Date.now() + 5_000;
    while (this.held.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    const marks = this.takeMarks();
    if (marks.length > 0) {
      await this.pool
        .query(markSentSql('$1::bigint[]'), [marks])
        .catch((error: Error) => this.options.onError?.(error));
    }
    await this.pool.end().catch(() => undefined);
  }

  /** Runs commands of `type` that this service sends itself in this process (see {@link LocalStep}). */
  runLocally(type: string, step: LocalStep): void {
    if (this.localSteps.has(type)) throw new Error(`${type} already runs locally`);
    this.localSteps.set(type, step);
  }

  /** Marks waiting for a write to carry them; settle them with {@link settleMarks}. */
  takeMarks(): string[] {
    const now = Date.now();
    for (const [ids, at] of this.carried) {
      if (now - at < REMEMBER_MS) break; // in taking order: the rest are younger
      this.carried.delete(ids);
      this.waitingMarks.push(...ids);
    }
    const ids = this.waitingMarks.splice(0, 2_000);
    if (ids.length > 0) this.carried.set(ids, now);
    return ids;
  }

  /** The write carrying `ids` committed (they are marked) or rolled back (they wait again). */
  settleMarks(ids: string[], committed: boolean): void {
    if (!this.carried.delete(ids)) return; // given back already, as stale
    if (!committed) this.waitingMarks.push(...ids);
  }

  /** Rows of a transaction that just committed (handed over by {@link Outbox.sendAfterCommit}). */
  readonly dispatch = (rows: OutboxMessage[]): void => {
    for (const row of [...rows].sort(byId)) {
      const clear =
        this.localFor(row) !== undefined ||
        (row.olderPending.length <= OLDER_PENDING_LIMIT &&
          row.olderPending.every((id) => this.held.has(id) || this.fate.get(id) === 'sent'));
      if (!clear) {
        this.fate.set(row.id, 'left');
        published.inc({ path: 'direct', outcome: 'left_to_sweeper' });
        continue;
      }
      this.enqueue(row);
    }
  };

  /**
   * Into its lane, behind the rows of the lane this process holds. A local step is a lane of its own:
   * steps for one aggregate (check-ins at one court) are independent, as the queue's concurrent
   * consumers treated them, and one that fails or waits out a lease must not hold back the others.
   */
  private enqueue(row: OutboxMessage): void {
    this.held.add(row.id);
    const lane = this.localFor(row) ? `local|${row.id}` : laneOf(row);
    const queue = this.lanes.get(lane);
    if (queue) queue.push(row);
    else {
      this.lanes.set(lane, [row]);
      void this.drainLane(lane);
    }
  }

  /**
   * One sweep round: claim, publish, mark. Exposed for tests and tools. The claim rides on the BEGIN and
   * the mark on the COMMIT (one simple-protocol round trip each; the values inlined are integers from the
   * database, the options or this process), so a round costs two round trips when nothing fails.
   */
  async relayOnce(): Promise<{ claimed: number; sent: number }> {
    const client = await this.pool.connect();
    let local: (OutboxMessage & { attempts: number })[] = [];
    let carried: string[] = [];
    try {
      const claimed = await this.claim(client);
      const ready = claimed.filter((r) => !r.behind).map(messageOf);
      // A local step swept too often goes to its queue, to be retried and dead-lettered there.
      local = ready.filter((m) => this.localFor(m) && m.attempts < this.options.localAttempts);
      const { sent, failed } = await this.publish(ready.filter((m) => !local.includes(m)));
      for (const { ids, error, attempts } of failed) {
        await client.query(
          `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
                  next_attempt_at = clock_timestamp() + make_interval(secs => $3::double precision / 1000)
            WHERE id = ANY($1)`,
          [ids, error.slice(0, 2000), this.retryDelay(attempts + 1)],
        );
      }
      // A swept local step is leased to this process; the row is marked when it has run.
      for (const m of local) {
        await client.query(
          `UPDATE outbox SET attempts = attempts + 1,
                  next_attempt_at = clock_timestamp() + make_interval(secs => $2::double precision / 1000)
            WHERE id = $1`,
          [m.id, Math.max(this.options.localLeaseMs, this.retryDelay(m.attempts + 1))],
        );
      }
      // The COMMIT also carries the marks of direct sends that no outbox write took.
      carried = this.takeMarks();
      const marked = [...sent, ...carried];
      await client.query(
        marked.length > 0
          ? `${markSentSql(`'{${marked.map(bigint).join(',')}}'::bigint[]`)}; COMMIT`
          : 'COMMIT',
      );
      this.settleMarks(carried, true);
      carried = [];
      for (const id of sent) this.fate.set(id, 'sent');
      published.inc({ path: 'sweep', outcome: 'sent' }, sent.length);
      published.inc(
        { path: 'sweep', outcome: 'failed' },
        failed.reduce((n, f) => n + f.ids.length, 0),
      );
      return { claimed: claimed.length, sent: sent.length };
    } catch (error) {
      local = [];
      this.settleMarks(carried, false);
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
      for (const m of local) {
        if (this.held.has(m.id)) continue;
        this.swept.add(m);
        this.enqueue(m);
      }
    }
  }

  /** Deletes sent rows older than the retention; returns how many. */
  async prune(): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM outbox WHERE id IN (
         SELECT id FROM outbox WHERE sent_at < clock_timestamp() - make_interval(secs => $1::double precision / 1000)
          LIMIT 10000)`,
      [this.options.retentionMs],
    );
    return rowCount ?? 0;
  }

  /** Sends a lane's rows one after the other; a failure leaves the rest of the lane to the sweeper. */
  private async drainLane(lane: string): Promise<void> {
    const queue = this.lanes.get(lane)!;
    while (queue.length > 0) {
      const row = queue[0];
      try {
        const local = this.localFor(row);
        if (local) await this.runLocal(local, row);
        else await this.send(row);
      } catch (error) {
        for (const r of queue.splice(0)) {
          this.held.delete(r.id);
          this.fate.set(r.id, 'left');
        }
        published.inc({ path: 'direct', outcome: 'left_to_sweeper' });
        this.options.onError?.(error as Error);
        if (this.localFor(row)) {
          // The sweep runs it again after its lease; the error shows where operators look.
          void this.pool
            .query('UPDATE outbox SET last_error = $2 WHERE id = $1', [
              row.id,
              (error as Error).message.slice(0, 2000),
            ])
            .catch(() => undefined);
        }
        break;
      }
      queue.shift();
      if (this.localFor(row)) this.waitingMarks.push(row.id); // marked like a sent row
      this.fate.set(row.id, 'sent');
      this.held.delete(row.id);
      published.inc({ path: 'direct', outcome: 'sent' });
    }
    this.lanes.delete(lane);
  }

  /** Runs a local step once one of the `localConcurrency` places is free. */
  private async runLocal(step: LocalStep, row: OutboxMessage): Promise<void> {
    if (this.localRunning >= this.options.localConcurrency) {
      await new Promise<void>((resolve) => this.localQueue.push(resolve));
    } else this.localRunning++;
    try {
      await step(row, { swept: this.swept.has(row) });
    } finally {
      // The place passes to the next waiting step, or is freed.
      const next = this.localQueue.shift();
      if (next) next();
      else this.localRunning--;
    }
  }

  private localFor(row: OutboxMessage): LocalStep | undefined {
    return row.kind === 'rabbitmq' ? this.localSteps.get(row.envelope.type) : undefined;
  }

  private async send(row: OutboxMessage): Promise<void> {
    if (row.kind === 'kafka') {
      let topic = this.kafkaTopics.get(row.destination);
      if (!topic) {
        topic = new Coalescer((rows) => this.publishEvents(rows));
        this.kafkaTopics.set(row.destination, topic);
      }
      await topic.add(row);
    } else await this.sendCommand(row);
    this.waitingMarks.push(row.id);
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        // A full batch that moved means more is probably waiting.
        let round = { claimed: 0, sent: 0 };
        do round = await this.relayOnce();
        while (this.running && round.claimed === this.options.batchSize && round.sent > 0);
        if (Date.now() - this.lastPrune > this.options.pruneIntervalMs) {
          this.lastPrune = Date.now();
          await this.prune();
        }
      } catch (error) {
        this.options.onError?.(error as Error);
      }
      if (this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.pollIntervalMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      this.wake = undefined;
    }
  }

  /**
   * Opens the round's transaction and claims a batch of rows old enough to sweep and not held by this
   * process, flagging each row that is `behind` a pending row of its lane this batch does not hold
   * (held here, locked by another relay, or waiting for its retry): publishing it would reorder the
   * aggregate's messages, so it waits for a later round.
   */
  private async claim(client: PoolClient): Promise<StoredRow[]> {
    // Held, or sent with a mark not yet committed (waiting, or carried by a write).
    const mine = [...this.held, ...this.waitingMarks, ...[...this.carried.keys()].flat()]
      .map(bigint)
      .join(',');
    const results = (await client.query(
      `BEGIN;
       WITH claimed AS (
         SELECT id, kind, destination, exchange, message_key, reply_to, correlation_id, envelope, attempts
           FROM outbox
          WHERE sent_at IS NULL AND next_attempt_at <= clock_timestamp()
            AND created_at < clock_timestamp() - make_interval(secs => ${Math.trunc(this.options.sweepAfterMs)}::double precision / 1000)
            AND id <> ALL('{${mine}}'::bigint[])
          ORDER BY id
          LIMIT ${Math.trunc(this.options.batchSize)}
          FOR UPDATE SKIP LOCKED)
       SELECT c.id, c.kind, c.destination, c.exchange, c.message_key, c.reply_to, c.correlation_id,
              c.envelope::text AS envelope, c.attempts,
              EXISTS (SELECT 1 FROM outbox o
                       WHERE o.sent_at IS NULL AND o.kind = c.kind AND o.destination = c.destination
                         AND o.message_key = c.message_key AND o.id < c.id
                         AND o.id NOT IN (SELECT id FROM claimed))
              AND NOT (c.kind = 'rabbitmq' AND c.destination = ANY('{${this.localTypes()}}'::text[])) AS behind
         FROM claimed c
        ORDER BY c.id`,
    )) as unknown as QueryResult<StoredRow>[];
    return results[1].rows;
  }

  /** The types run as local steps, checked before they are written into SQL. */
  private localTypes(): string {
    return [...this.localSteps.keys()]
      .map((type) => {
        if (!/^[a-z0-9][a-z0-9.-]*$/.test(type)) throw new Error(`message type ${type} is not plain`);
        return type;
      })
      .join(',');
  }

  private retryDelay(attempt: number): number {
    return backoff(attempt, {
      baseMs: this.options.retryBaseMs,
      maxMs: this.options.retryMaxMs,
      jitter: 'equal',
    });
  }

  private async publish(
    rows: (OutboxMessage & { attempts: number })[],
  ): Promise<{ sent: string[]; failed: { ids: string[]; error: string; attempts: number }[] }> {
    const sent: string[] = [];
    const failed: { ids: string[]; error: string; attempts: number }[] = [];
    const groups = new Map<string, (OutboxMessage & { attempts: number })[]>();
    for (const r of rows) {
      // Kafka: one request per topic; RabbitMQ: per lane, so one failed command holds back its lane only.
      const group = r.kind === 'kafka' ? `kafka|${r.destination}` : laneOf(r);
      groups.set(group, [...(groups.get(group) ?? []), r]);
    }
    await Promise.all(
      [...groups.values()].map(async (group) => {
        try {
          await (group[0].kind === 'kafka'
            ? this.publishEvents(group)
            : Promise.all(group.map((r) => this.sendCommand(r))));
          sent.push(...group.map((r) => r.id));
        } catch (error) {
          failed.push({
            ids: group.map((r) => r.id),
            error: (error as Error).message,
            attempts: Math.max(...group.map((r) => r.attempts)),
          });
        }
      }),
    );
    return { sent, failed };
  }

  private async publishEvents(rows: OutboxMessage[]): Promise<void> {
    const topic = rows[0].destination;
    const spans = rows.map((r) => producerSpan(r.envelope, 'kafka', topic));
    const messages = rows.map((r, i) => ({ key: r.key, value: r.body, headers: spans[i].headers }));
    await traced(spans, () => this.publishers.events.publish(topic, messages));
  }

  /** On the connection's confirm channel: resolves once the broker has taken the message. */
  private sendCommand(r: OutboxMessage): Promise<void> {
    const span = producerSpan(r.envelope, 'rabbitmq', r.destination);
    return traced([span], () =>
      this.publishers.commands.send({
        exchange: r.exchange ?? COMMAND_EXCHANGE,
        routingKey: r.destination,
        body: r.body,
        messageId: r.envelope.id,
        correlationId: r.correlationId ?? undefined,
        replyTo: r.replyTo ?? undefined,
        headers: span.headers,
      }),
    );
  }
}

/** A stored row as the sender's message (the sweeper's rows carry their attempts). */
function messageOf(r: StoredRow): OutboxMessage & { attempts: number } {
  return {
    id: String(r.id),
    kind: r.kind,
    destination: r.destination,
    exchange: r.exchange,
    key: r.message_key,
    replyTo: r.reply_to,
    correlationId: r.correlation_id,
    envelope: JSON.parse(r.envelope) as Envelope,
    body: r.envelope,
    olderPending: [],
    attempts: r.attempts,
  };
}

const laneOf = (r: OutboxMessage) => `${r.kind}|${r.destination}|${r.key}`;
const byId = (a: OutboxMessage, b: OutboxMessage) =>
  a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A map that forgets entries after one to two `ms` (two generations swapped on use). */
class Generations<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();
  private swappedAt = Date.now();

  constructor(private readonly ms: number) {}

  get(key: string): V | undefined {
    this.swap();
    return this.current.get(key) ?? this.previous.get(key);
  }

  set(key: string, value: V): void {
    this.swap();
    this.current.set(key, value);
  }

  private swap(): void {
    if (Date.now() - this.swappedAt < this.ms) return;
    this.previous = this.current;
    this.current = new Map();
    this.swappedAt = Date.now();
  }
}

/**
 * A producer span per row, child of the trace that wrote it; its context travels in the headers next
 * to the envelope's type and id (for tools that do not parse bodies).
 */
function producerSpan(envelope: Envelope, system: string, destination: string): MessageSpan {
  const span = startMessageSpan(`publish ${destination}`, {
    kind: 'producer',
    parent: { traceparent: envelope.traceparent, tracestate: envelope.tracestate },
    attributes: {
      'messaging.system': system,
      'messaging.destination.name': destination,
      'messaging.message.id': envelope.id,
    },
  });
  Object.assign(span.headers, {
    'content-type': 'application/cloudevents+json',
    ce_id: envelope.id,
    ce_type: envelope.type,
  });
  return span;
}

/** An outbox id (bigserial, read back as text) checked before it is written into SQL. */
function bigint(id: string): string {
  if (!/^\d+$/.test(id)) throw new Error(`outbox id ${id} is not an integer`);
  return id;
}

async function traced(spans: MessageSpan[], publish: () => Promise<void>): Promise<void> {
  try {
    await publish();
    for (const s of spans) s.end();
  } catch (error) {
    for (const s of spans) s.end(error);
    throw error;
  }
}

const published = new Counter({
  name: 'outbox_published_rows_total',
  help: 'Outbox rows by path (direct: sent after commit; sweep: by the sweeper) and outcome',
  labelNames: ['path', 'outcome'],
  registers: [],
});
let metricsPool: Pool | undefined;

/** Pending rows and the age of the oldest, read from the table at scrape time. */
function registerOutboxMetrics(pool: Pool): void {
  metricsPool = pool;
  if (metricsRegistry.getSingleMetric('outbox_pending_rows')) return;
  metricsRegistry.registerMetric(published);
  // One query per scrape for both gauges; a failed read leaves the last values rather than failing /metrics.
  let last: Promise<{ pending: number; age: number } | undefined> | undefined;
  const read = () =>
    (last ??= (metricsPool as Pool)
      .query<{ pending: string; age: number | null }>(
        `SELECT count(*) AS pending, extract(epoch FROM clock_timestamp() - min(created_at)) AS age
           FROM outbox WHERE sent_at IS NULL`,
      )
      .then(({ rows: [r] }) => ({ pending: Number(r.pending), age: Number(r.age ?? 0) }))
      .catch(() => undefined)
      .finally(() => setTimeout(() => (last = undefined), 0)));
  new Gauge({
    name: 'outbox_pending_rows',
    help: 'Outbox rows not yet published',
    registers: [metricsRegistry],
    async collect() {
      const r = await read();
      if (r) this.set(r.pending);
    },
  });
  new Gauge({
    name: 'outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest unpublished outbox row (0 when none)',
    registers: [metricsRegistry],
    async collect() {
      const r = await read();
      if (r) this.set(r.age);
    },
  });
}
