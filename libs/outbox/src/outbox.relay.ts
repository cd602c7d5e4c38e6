import { Client, Pool, type PoolClient, type QueryResult } from 'pg';
import { Counter, Gauge } from 'prom-client';
import {
  COMMAND_EXCHANGE,
  type CommandPublisher,
  type Envelope,
  type EventPublisher,
} from '@sportclub/contracts';
import { metricsRegistry, startMessageSpan, type MessageSpan } from '@sportclub/observability';
import { backoff } from '@sportclub/resilience';

export interface RelayOptions {
  /** Rows claimed per round trip. */
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (a lost connection, a missed wake-up). */
  pollIntervalMs?: number;
  /** Backoff of a failed lane (`backoff` of libs/resilience, equal jitter): the first retry's ceiling, in ms. */
  retryBaseMs?: number;
  /** The largest backoff ceiling, in ms. */
  retryMaxMs?: number;
  /** Sent rows are kept this long (for audits and replays), then deleted. */
  retentionMs?: number;
  pruneIntervalMs?: number;
  /** How long to gather more rows after a wake-up before a round (a latency/CPU trade-off). */
  lingerMs?: number;
  /** Called with every error the loop survives (it never stops on one). */
  onError?: (error: Error) => void;
}

export interface RelayPublishers {
  events: EventPublisher;
  commands: CommandPublisher;
}

interface OutboxRow {
  id: string;
  kind: 'kafka' | 'rabbitmq';
  destination: string;
  exchange: string | null;
  message_key: string;
  reply_to: string | null;
  correlation_id: string | null;
  envelope: string;
  attempts: number;
}

const DEFAULTS = {
  batchSize: 200,
  pollIntervalMs: 1_000,
  retryBaseMs: 250,
  retryMaxMs: 60_000,
  retentionMs: 7 * 24 * 3_600_000,
  pruneIntervalMs: 60_000,
  lingerMs: 2,
};

/**
 * Publishes outbox rows. Each round claims a batch with `FOR UPDATE SKIP LOCKED` (so replicas share the
 * work without coordination), keeps only rows whose every earlier pending row of the same lane
 * (destination + aggregate key) is in the batch too (so order per aggregate survives replicas and
 * retries), publishes them in id order, and marks them sent in the same transaction. A crash after
 * publishing and before commit republishes those rows: delivery is at-least-once and consumers dedupe
 * on the envelope id. A failed lane is retried with exponential backoff and blocks its later rows only.
 */
export class OutboxRelay {
  private readonly options: Required<Omit<RelayOptions, 'onError'>> & Pick<RelayOptions, 'onError'>;
  private running = false;
  private loop?: Promise<void>;
  private listener?: Client;
  private wake?: () => void;
  private woken = false;
  private lastPrune = 0;

  /** Its own small pool: handlers holding every connection of the service's pool must not stall it. */
  private readonly pool: Pool;

  constructor(
    private readonly connectionString: string,
    private readonly publishers: RelayPublishers,
    options: RelayOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.pool = new Pool({ connectionString, max: 2, application_name: 'outbox-relay' });
    this.pool.on('error', (error) => this.options.onError?.(error));
    registerOutboxMetrics(this.pool);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.listen();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.notify();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }

  /** Stops and releases the relay's connections. */
  async close(): Promise<void> {
    await this.stop();
    await this.pool.end().catch(() => undefined);
  }

  /**
   * One claim-publish-mark round. Exposed for tests and tools. The claim rides on the BEGIN and the mark
   * on the COMMIT (one simple-protocol round trip each; the values inlined are integers from the
   * database or the options), so a round costs two round trips when nothing fails.
   */
  async relayOnce(): Promise<{ claimed: number; sent: number }> {
    const client = await this.pool.connect();
    try {
      const claimed = await this.claim(client);
      const ready = claimed.filter((r) => !r.behind);
      const { sent, failed } = await this.publish(ready);
      for (const { ids, error, attempts } of failed) {
        await client.query(
          `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
                  next_attempt_at = clock_timestamp() + make_interval(secs => $3::double precision / 1000)
            WHERE id = ANY($1)`,
          [
            ids,
            error.slice(0, 2000),
            backoff(attempts + 1, {
              baseMs: this.options.retryBaseMs,
              maxMs: this.options.retryMaxMs,
              jitter: 'equal',
            }),
          ],
        );
      }
      await client.query(
        sent.length > 0
          ? `UPDATE outbox SET sent_at = clock_timestamp(), last_error = NULL WHERE id = ANY('{${sent.map(bigint).join(',')}}'::bigint[]); COMMIT`
          : 'COMMIT',
      );
      published.inc({ outcome: 'sent' }, sent.length);
      published.inc(
        { outcome: 'failed' },
        failed.reduce((n, f) => n + f.ids.length, 0),
      );
      return { claimed: claimed.length, sent: sent.length };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
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
      await this.sleep(this.options.pollIntervalMs);
    }
  }

  /**
   * Waits for a NOTIFY (or the poll interval). After a wake-up it lingers a few milliseconds so that rows
   * committed together go out in one round instead of one round each — far less CPU at a steady rate.
   */
  private async sleep(ms: number): Promise<void> {
    if (!this.woken && this.running) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
    if (this.woken && this.options.lingerMs > 0)
      await new Promise((r) => setTimeout(r, this.options.lingerMs));
    this.woken = false;
  }

  private notify(): void {
    this.woken = true;
    this.wake?.();
  }

  /** LISTEN on a dedicated connection; reconnects while running. Polling covers the gaps. */
  private async listen(): Promise<void> {
    while (this.running) {
      const client = new Client({
        connectionString: this.connectionString,
        application_name: 'outbox-relay',
      });
      try {
        const closed = new Promise<void>((resolve) => {
          client.on('error', () => resolve());
          client.on('end', () => resolve());
        });
        await client.connect();
        client.on('notification', () => this.notify());
        await client.query('LISTEN outbox');
        this.listener = client;
        this.notify();
        await closed;
      } catch (error) {
        this.options.onError?.(error as Error);
      }
      await client.end().catch(() => undefined);
      if (this.running) await new Promise((r) => setTimeout(r, this.options.pollIntervalMs));
    }
  }

  /**
   * Opens the round's transaction and claims a batch, flagging each row that is `behind` a pending row of
   * its lane this batch does not hold (locked by another relay, or waiting for its retry): publishing it
   * would reorder the aggregate's messages, so it waits for a later round.
   */
  private async claim(client: PoolClient): Promise<(OutboxRow & { behind: boolean })[]> {
    // A mark that a crash loses only republishes (consumers dedupe), so the round need not wait for
    // its commit to reach the disk.
    const results = (await client.query(
      `BEGIN;
       SET LOCAL synchronous_commit = off;
       WITH claimed AS (
         SELECT id, kind, destination, exchange, message_key, reply_to, correlation_id, envelope, attempts
           FROM outbox
          WHERE sent_at IS NULL AND next_attempt_at <= clock_timestamp()
          ORDER BY id
          LIMIT ${Math.trunc(this.options.batchSize)}
          FOR UPDATE SKIP LOCKED)
       SELECT c.id, c.kind, c.destination, c.exchange, c.message_key, c.reply_to, c.correlation_id,
              c.envelope::text AS envelope, c.attempts,
              EXISTS (SELECT 1 FROM outbox o
                       WHERE o.sent_at IS NULL AND o.kind = c.kind AND o.destination = c.destination
                         AND o.message_key = c.message_key AND o.id < c.id
                         AND o.id NOT IN (SELECT id FROM claimed)) AS behind
         FROM claimed c
        ORDER BY c.id`,
    )) as unknown as QueryResult<OutboxRow & { behind: boolean }>[];
    return results[2].rows;
  }

  private async publish(
    rows: OutboxRow[],
  ): Promise<{ sent: string[]; failed: { ids: string[]; error: string; attempts: number }[] }> {
    const sent: string[] = [];
    const failed: { ids: string[]; error: string; attempts: number }[] = [];
    const groups = new Map<string, OutboxRow[]>();
    for (const r of rows) {
      const group = r.kind === 'kafka' ? `kafka|${r.destination}` : 'rabbitmq';
      groups.set(group, [...(groups.get(group) ?? []), r]);
    }
    await Promise.all(
      [...groups.values()].map(async (group) => {
        try {
          await (group[0].kind === 'kafka' ? this.publishEvents(group) : this.sendCommands(group));
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

  private async publishEvents(rows: OutboxRow[]): Promise<void> {
    const topic = rows[0].destination;
    const spans = rows.map((r) => this.producerSpan(JSON.parse(r.envelope) as Envelope, 'kafka', topic));
    const messages = rows.map((r, i) => ({
      key: r.message_key,
      value: r.envelope,
      headers: spans[i].headers,
    }));
    await traced(spans, () => this.publishers.events.publish(topic, messages));
  }

  private async sendCommands(rows: OutboxRow[]): Promise<void> {
    // One confirm channel keeps publish order; all confirmations are awaited together.
    await Promise.all(
      rows.map((r) => {
        const envelope = JSON.parse(r.envelope) as Envelope;
        const span = this.producerSpan(envelope, 'rabbitmq', r.destination);
        return traced([span], () =>
          this.publishers.commands.send({
            exchange: r.exchange ?? COMMAND_EXCHANGE,
            routingKey: r.destination,
            body: r.envelope,
            messageId: envelope.id,
            correlationId: r.correlation_id ?? undefined,
            replyTo: r.reply_to ?? undefined,
            headers: span.headers,
          }),
        );
      }),
    );
  }

  /**
   * A producer span per row, child of the trace that wrote it; its context travels in the headers next
   * to the envelope's type and id (for tools that do not parse bodies).
   */
  private producerSpan(envelope: Envelope, system: string, destination: string): MessageSpan {
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
  help: 'Outbox rows handed to a broker, by outcome',
  labelNames: ['outcome'],
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
