import { DataSource, type MigrationInterface } from 'typeorm';
import {
  commandQueue,
  messageRegistry,
  type Envelope,
  type MessageDefinition,
  type MessageRegistry,
  type ServiceName,
} from '@sportclub/contracts';
import { OUTBOX_MIGRATIONS, Outbox } from '@sportclub/outbox';
import { adminDatabaseUrl, createScratchDatabase, type ScratchDatabase } from '@sportclub/testing';
import type { SagaDefinition } from '../saga-definition.builder';
import { SagaEngine, type ReplyResult, type SagaEngineOptions, type StartOptions } from '../saga.engine';
import { CreateSagas1764400000100 } from '../saga.migration';
import { SagaRepository, toView } from '../saga.repository';
import { ACTIVE_STATES, type SagaView } from '../saga.state';

/**
 * Runs an app's real saga definition against the real PostgreSQL — a scratch database with the outbox
 * and saga migrations, the real engine and outbox writer — with the test in the place of the brokers and
 * the participants: it reads the commands and events the saga wrote to the outbox, feeds replies (any,
 * in any order, as often as it likes), moves deadlines and inspects the saga's state. Tests only.
 */

export interface SagaTestKitOptions<Data> {
  /** The app's saga definition, as its module builds it. */
  definition: SagaDefinition<Data>;
  /** The orchestrating service: `source` of what the saga sends, and its command queue the reply queue. */
  source: string;
  /** The reply queue commands carry (default: the source's command queue). */
  replyTo?: string;
  /** Contracts that validate what is written and fed (default: the platform's). */
  registry?: MessageRegistry;
  /** Tenant of sagas started without one. */
  tenantId?: string;
  /** What the app's engine does on a transition (e.g. open a session); its tables need `migrations`. */
  onTransition?: SagaEngineOptions['onTransition'];
  /** The app's own migrations that `onTransition` needs, after the outbox and saga ones. */
  migrations?: (new () => MigrationInterface)[];
  /** Scratch database name prefix (default: the saga type). */
  databasePrefix?: string;
}

/** An outbox row as the relay would send it. */
export interface OutboxMessage {
  id: number;
  kind: 'kafka' | 'rabbitmq';
  destination: string;
  replyTo: string | null;
  envelope: Envelope;
}

export type Delivered = ReplyResult & { reply: Envelope };

const silent = { warn: () => undefined };

export class SagaTestKit<Data> {
  private readonly repo = new SagaRepository();
  private readonly pools: DataSource[] = [];
  private current: SagaEngine;

  private constructor(
    readonly dataSource: DataSource,
    private readonly db: ScratchDatabase,
    private readonly options: SagaTestKitOptions<Data> & { registry: MessageRegistry; tenantId: string },
  ) {
    this.current = this.newEngine(dataSource);
  }

  static async start<Data>(options: SagaTestKitOptions<Data>): Promise<SagaTestKit<Data>> {
    const db = await createScratchDatabase(options.databasePrefix ?? options.definition.type);
    const dataSource = new DataSource({
      type: 'postgres',
      url: adminDatabaseUrl(db.name),
      migrations: [...OUTBOX_MIGRATIONS, CreateSagas1764400000100, ...(options.migrations ?? [])],
      migrationsTableName: 'schema_migrations',
      extra: { max: 5 },
    });
    try {
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
    } catch (error) {
      await db.drop();
      throw error;
    }
    return new SagaTestKit(dataSource, db, {
      ...options,
      registry: options.registry ?? messageRegistry,
      tenantId: options.tenantId ?? 'club-test',
    });
  }

  /** The engine the kit drives: the app's definition, the real outbox writer. */
  get engine(): SagaEngine {
    return this.current;
  }

  get definition(): SagaDefinition<Data> {
    return this.options.definition;
  }

  /** Starts a saga (tenant: the kit's unless given), as the app's use case would. */
  start(data: Data, options: Partial<StartOptions> = {}): Promise<SagaView<Data>> {
    return this.current.start(this.options.definition, data, { tenantId: this.options.tenantId, ...options });
  }

  /** The saga as stored now. */
  async state(sagaId: string): Promise<SagaView<Data>> {
    const saga = await this.repo.findById(this.dataSource.manager, sagaId);
    if (!saga) throw new Error(`no saga ${sagaId}`);
    return toView<Data>(saga);
  }

  /** The command the saga waits on now; null when it waits on none (it ended). */
  async awaited(sagaId: string): Promise<Envelope | null> {
    const saga = await this.repo.findById(this.dataSource.manager, sagaId);
    if (!saga) throw new Error(`no saga ${sagaId}`);
    if (!saga.awaitingCommandId) return null;
    const [row] = await this.outbox({ messageId: saga.awaitingCommandId });
    if (!row) throw new Error(`saga ${sagaId} awaits ${saga.awaitingCommandId}, which is not in the outbox`);
    return row.envelope;
  }

  /**
   * The participant's reply to a command — same tenant and flow, caused by the command, from the service
   * the reply's contract names — without delivering it (to deliver it later, twice, or out of order).
   */
  replyTo<T>(command: Envelope, reply: MessageDefinition<T>, data: T): Envelope<T> {
    const sender = reply.service ?? this.options.registry.require(command.type).service;
    if (!sender) throw new Error(`${reply.type} names no sending service`);
    return reply.envelope({
      source: sender,
      subject: command.subject,
      tenantId: command.tenantid,
      correlationId: command.correlationid,
      causationId: command.id,
      data,
    });
  }

  /**
   * Delivers a reply as the orchestrator's consumer would: validated against its contract, applied in
   * its own transaction (an engine of another replica may be passed).
   */
  deliver(reply: Envelope, engine: SagaEngine = this.current): Promise<ReplyResult> {
    this.options.registry.assertValid(reply);
    return this.dataSource.transaction((manager) => engine.handleReply(reply, manager));
  }

  /** Answers the command the saga awaits now with `reply` and delivers it. */
  async reply<T>(sagaId: string, reply: MessageDefinition<T>, data: T): Promise<Delivered> {
    const command = await this.awaited(sagaId);
    if (!command)
      throw new Error(`saga ${sagaId} awaits no command (it is ${(await this.state(sagaId)).state})`);
    const envelope = this.replyTo(command, reply, data) as Envelope;
    return { ...(await this.deliver(envelope)), reply: envelope };
  }

  /**
   * Moves the saga clock `ms` forward: every active deadline comes that much closer, and those now due
   * fire as the deadline scheduler would. Returns the sagas that timed out.
   */
  async advance(ms: number): Promise<string[]> {
    await this.dataSource.query(
      `UPDATE saga_instance SET deadline_at = deadline_at - $1::bigint * interval '1 millisecond'
        WHERE deadline_at IS NOT NULL AND state = ANY($2::text[])`,
      [Math.round(ms), ACTIVE_STATES],
    );
    return this.fireDue();
  }

  /** Makes the deadlines of these sagas (every active one when none is named) due, without firing them. */
  async makeDue(...sagaIds: string[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE saga_instance SET deadline_at = now() - interval '1 second'
        WHERE deadline_at IS NOT NULL AND state = ANY($2::text[]) AND (cardinality($1::uuid[]) = 0 OR id = ANY($1::uuid[]))`,
      [sagaIds, ACTIVE_STATES],
    );
  }

  /** Expires these sagas' deadlines now and fires them. Returns the sagas that timed out. */
  async expire(...sagaIds: string[]): Promise<string[]> {
    await this.makeDue(...sagaIds);
    return this.fireDue();
  }

  /** Outbox rows in write order: all, those after an id, or one message. */
  async outbox(filter: { after?: number; messageId?: string } = {}): Promise<OutboxMessage[]> {
    // Read as text: `->>` on a row whose envelope holds U+0000 fails.
    const rows: {
      id: string;
      kind: OutboxMessage['kind'];
      destination: string;
      reply_to: string | null;
      envelope: string;
    }[] = await this.dataSource.query(
      `SELECT id, kind, destination, reply_to, envelope::text AS envelope FROM outbox
          WHERE id > $1 AND ($2::uuid IS NULL OR message_id = $2::uuid) ORDER BY id`,
      [filter.after ?? 0, filter.messageId ?? null],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      destination: r.destination,
      replyTo: r.reply_to,
      envelope: JSON.parse(r.envelope) as Envelope,
    }));
  }

  /** The commands the saga sent, in order (of one type when given). */
  async commands(sagaId: string, type?: string): Promise<Envelope[]> {
    return (await this.flow(sagaId))
      .filter((r) => r.kind === 'rabbitmq' && (!type || r.envelope.type === type))
      .map((r) => r.envelope);
  }

  /** The events the saga emitted, in order. */
  async events(sagaId: string): Promise<Envelope[]> {
    return (await this.flow(sagaId)).filter((r) => r.kind === 'kafka').map((r) => r.envelope);
  }

  /** Another engine over its own connection pool, as another replica of the app would run. */
  async replica(): Promise<SagaEngine> {
    const pool = new DataSource({ ...this.dataSource.options, migrations: [] });
    await pool.initialize();
    this.pools.push(pool);
    return this.newEngine(pool);
  }

  /** A new engine over the same database, as after a restart (e.g. with an outbox that crashes). */
  restart(overrides: Pick<SagaEngineOptions, 'outbox' | 'onTransition'> = {}): SagaEngine {
    this.current = this.newEngine(this.dataSource, overrides);
    return this.current;
  }

  /** Empties the saga and outbox tables, between the runs of a property test. */
  async reset(): Promise<void> {
    await this.dataSource.query('TRUNCATE saga_reply, saga_command, saga_instance, outbox RESTART IDENTITY');
  }

  async close(): Promise<void> {
    await Promise.all([this.dataSource, ...this.pools].map((ds) => ds.destroy()));
    await this.db.drop();
  }

  private async fireDue(): Promise<string[]> {
    const fired: string[] = [];
    for (let batch = await this.current.fireDueDeadlines(); ; batch = await this.current.fireDueDeadlines()) {
      fired.push(...batch);
      if (batch.length < 50) return fired;
    }
  }

  private async flow(sagaId: string): Promise<OutboxMessage[]> {
    const { correlationId } = await this.state(sagaId);
    return (await this.outbox()).filter((r) => r.envelope.correlationid === correlationId);
  }

  private newEngine(
    dataSource: DataSource,
    overrides: Pick<SagaEngineOptions, 'outbox' | 'onTransition'> = {},
  ): SagaEngine {
    return new SagaEngine({
      dataSource,
      definitions: [this.options.definition],
      source: this.options.source,
      replyTo: this.options.replyTo ?? commandQueue(this.options.source as ServiceName),
      outbox: new Outbox(this.options.registry),
      logger: silent,
      onTransition: this.options.onTransition,
      ...overrides,
    });
  }
}
