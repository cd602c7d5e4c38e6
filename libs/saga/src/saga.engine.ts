import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { buildEnvelope, type Envelope } from '@sportclub/contracts';
import { Outbox } from '@sportclub/outbox';
import { replyTypesOf, type SagaDefinition } from './saga-definition.builder';
import {
  SagaConcurrencyError,
  SagaIdConflictError,
  SagaLockedError,
  UnknownSagaTypeError,
} from './saga.errors';
import { sagaOutcomes } from './saga.metrics';
import {
  SagaRepository,
  isUuid,
  toView,
  type SagaListQuery,
  type SentCommand,
  type StoredSaga,
} from './saga.repository';
import { isTerminal, type SagaView } from './saga.state';
import { decide, startTransition, type SagaSnapshot, type Transition } from './saga.transitions';

/**
 * Runs saga definitions against the orchestrator's database. Each transition (start, reply, expired
 * deadline) is one transaction that compare-and-sets the instance's version and writes the command it
 * sends and the events it emits to the outbox, so a crash anywhere leaves either the old state with no
 * messages or the new state with all of them. The engine keeps no state of its own: any replica, or a
 * restarted process, continues from what is stored.
 */

// Definitions of different data types live side by side; each is only ever fed its own data.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySagaDefinition = SagaDefinition<any>;

/** Pino- and Nest-compatible enough; ignored replies are routine under at-least-once delivery (debug). */
export interface SagaLogger {
  warn(message: string): void;
  debug?(message: string): void;
}

export interface SagaEngineOptions {
  dataSource: DataSource;
  definitions: readonly AnySagaDefinition[];
  /** The service sending the commands (envelope `source`), e.g. 'access-gateway'. */
  source: string;
  /** The orchestrator's durable reply queue; every command is sent with it as reply-to. */
  replyTo: string;
  /** Writes commands and events; defaults to one over the platform's message registry. */
  outbox?: Outbox;
  /** Re-reads after losing a version race before giving up (default 3). */
  maxConflictRetries?: number;
  /** How long a timeout transition that threw waits before it is tried again (default 30 s). */
  deadlineRetryDelayMs?: number;
  logger?: SagaLogger;
  /**
   * The orchestrator's own reaction to what a transition emits (a completed check-in opens its
   * session), run in the transition's transaction after its state and messages are written, so it
   * commits with them or not at all. An error rolls the transition back.
   */
  onTransition?: (manager: EntityManager, saga: SagaView, events: Envelope[]) => Promise<void>;
}

export interface StartOptions {
  tenantId: string;
  /** The business flow; defaults to the saga id. */
  correlationId?: string;
  /** An idempotency key: starting again with the same id returns the existing saga. */
  sagaId?: string;
  /** The message that asked for the saga (e.g. the check-in request event). */
  causationId?: string;
}

export type ReplyResult =
  { outcome: 'applied'; saga: SagaView } | { outcome: 'ignored'; reason: string; sagaId?: string };

export interface SagaPage {
  items: SagaView[];
  /** Pass as `after` for the next page; null on the last one. */
  next: string | null;
}

class VersionConflict extends Error {}

export class SagaEngine {
  private readonly definitions = new Map<string, AnySagaDefinition>();
  private readonly repo = new SagaRepository();
  private readonly outbox: Outbox;
  private readonly outcomes = sagaOutcomes();
  private readonly logger: SagaLogger;

  constructor(private readonly options: SagaEngineOptions) {
    for (const def of options.definitions) {
      if (this.definitions.has(def.type)) throw new Error(`saga ${def.type} is registered twice`);
      this.definitions.set(def.type, def);
    }
    this.outbox = options.outbox ?? new Outbox();
    this.logger = options.logger ?? { warn: (message) => console.warn(message) };
  }

  get sagaTypes(): string[] {
    return [...this.definitions.keys()];
  }

  /** Every reply type the definitions handle: what the orchestrator's queue routes to `handleReply`. */
  get replyTypes(): string[] {
    return [...new Set([...this.definitions.values()].flatMap((def) => replyTypesOf(def)))];
  }

  /**
   * Starts a saga and sends its first command, or returns the existing saga when `sagaId` is already
   * taken by the same type and tenant. Throws SagaLockedError when another saga holds the lock key.
   */
  async start<Data>(
    saga: SagaDefinition<Data> | string,
    data: Data,
    options: StartOptions,
    manager?: EntityManager,
  ): Promise<SagaView<Data>> {
    const def = this.definition(typeof saga === 'string' ? saga : saga.type);
    const id = options.sagaId ?? randomUUID();
    if (!isUuid(id)) throw new Error(`saga id ${id} is not a uuid`);
    const { saga: stored, created } = await this.inTransaction(manager, async (m) => {
      // Insert first: a new saga (the usual case) costs no look-up; a taken id or lock key inserts nothing.
      const newSaga = {
        id,
        type: def.type,
        tenantId: options.tenantId,
        lockKey: def.lockKey(data, id),
        correlationId: options.correlationId ?? id,
      };
      const transition = startTransition(def, { ...newSaga, data });
      const command = this.commandOf(transition, newSaga, options.causationId);
      for (let attempt = 1; attempt <= this.maxRetries; attempt++) {
        const inserted = await this.repo.insert(m, newSaga, transition, command);
        if (inserted) {
          await this.writeMessages(m, inserted, transition, command?.envelope ?? null, options.causationId);
          return { saga: inserted, created: true };
        }
        // The id or the lock key is taken; both checks see rows committed meanwhile (read committed).
        const raced = await this.repo.findById(m, id);
        if (raced) return { saga: this.sameSaga(raced, def.type, options.tenantId), created: false };
        const holder = await this.repo.activeHolder(m, def.type, options.tenantId, newSaga.lockKey);
        if (holder) throw new SagaLockedError(def.type, newSaga.lockKey, holder);
      }
      throw new SagaConcurrencyError(id, this.maxRetries);
    });
    if (created) this.count(stored);
    return toView<Data>(stored);
  }

  /**
   * Applies a reply to the saga whose awaited command it answers (the reply's `causationid`). Replies to
   * commands the saga no longer waits on (late, duplicated, reordered) are ignored without any write.
   * Pass the inbox transaction's manager to make the reply's effects atomic with its inbox record.
   */
  async handleReply(reply: Envelope, manager?: EntityManager): Promise<ReplyResult> {
    const commandId = reply.causationid;
    if (!isUuid(commandId)) return this.ignored(reply, 'reply has no command id as causationid');
    const result = await this.withRetries(commandId, manager, (m) => this.applyReply(m, reply, commandId));
    if (result.outcome === 'applied') this.count(result.saga);
    return result;
  }

  /**
   * Fires the timeout transition of up to `limit` expired sagas in one transaction, skipping rows another
   * replica holds. Returns the ids of the sagas that transitioned.
   */
  async fireDueDeadlines(limit = 50): Promise<string[]> {
    const ended: StoredSaga[] = [];
    const fired = await this.options.dataSource.transaction(async (m) => {
      const due = await this.repo.lockDue(m, this.sagaTypes, limit);
      const done: string[] = [];
      for (const id of due) {
        try {
          // A nested transaction (a savepoint the outbox knows of: its rows go if it rolls back).
          await m.transaction(async (inner) => {
            const saga = (await this.repo.findById(inner, id))!;
            const decision = decide(this.definition(saga.type), this.snapshotOf(saga), { kind: 'deadline' });
            if (decision.kind === 'transition') {
              ended.push(
                await this.transition(inner, saga, decision.transition, saga.awaitingCommandId ?? undefined),
              );
              done.push(id);
            }
          });
        } catch (error) {
          const message = (error as Error).message;
          await this.repo.postponeDeadline(m, id, this.options.deadlineRetryDelayMs ?? 30_000, message);
          this.logger.warn(`saga ${id}: timeout transition failed, retrying later: ${message}`);
        }
      }
      return done;
    });
    ended.forEach((saga) => this.count(saga));
    return fired;
  }

  async find<Data = unknown>(id: string, tenantId: string): Promise<SagaView<Data> | null> {
    const saga = await this.repo.findForTenant(this.options.dataSource.manager, id, tenantId);
    return saga ? toView<Data>(saga) : null;
  }

  async list(query: SagaListQuery): Promise<SagaPage> {
    const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 500);
    const rows = await this.repo.list(this.options.dataSource.manager, { ...query, limit });
    return {
      items: rows.map((r) => toView(r)),
      next: rows.length === limit ? rows[rows.length - 1].id : null,
    };
  }

  private async applyReply(m: EntityManager, reply: Envelope, commandId: string): Promise<ReplyResult> {
    const found = await this.repo.findAwaiting(m, commandId, reply.id);
    if (!found) {
      const { sender, applied } = await this.repo.replyFate(m, commandId, reply.id);
      if (applied) return this.ignored(reply, 'duplicate reply', sender);
      return this.ignored(
        reply,
        sender ? 'the saga no longer awaits this command' : 'unknown command',
        sender,
      );
    }
    const { saga, replyApplied } = found;
    if (replyApplied) return this.ignored(reply, 'duplicate reply', saga.id);
    if (saga.tenantId !== reply.tenantid)
      return this.ignored(reply, 'tenant does not match the saga', saga.id);
    const decision = decide(this.definition(saga.type), this.snapshotOf(saga), { kind: 'reply', reply });
    if (decision.kind === 'ignore') return this.ignored(reply, decision.reason, saga.id);
    const updated = await this.transition(m, saga, decision.transition, reply.id, commandId);
    return { outcome: 'applied', saga: toView(updated) };
  }

  /** Writes a transition; a reply that caused it (`commandId` is what it answers) is recorded with it. */
  private async transition(
    m: EntityManager,
    saga: StoredSaga,
    transition: Transition<unknown>,
    causationId: string | undefined,
    commandId?: string,
  ): Promise<StoredSaga> {
    const command = this.commandOf(transition, saga, causationId);
    const reply = commandId && causationId ? { messageId: causationId, commandId } : undefined;
    const updated = await this.repo.update(m, saga, transition, command, reply);
    if (!updated) throw new VersionConflict();
    await this.writeMessages(m, updated, transition, command?.envelope ?? null, causationId);
    return updated;
  }

  /**
   * The transition's command and events, into the outbox (the command was recorded with the saga row),
   * then the `onTransition` hook.
   */
  private async writeMessages(
    m: EntityManager,
    saga: StoredSaga,
    transition: Transition<unknown>,
    command: Envelope | null,
    causationId: string | undefined,
  ): Promise<void> {
    const events = transition.events.map((e) => this.envelope(e, saga, causationId));
    const messages = command ? [command, ...events] : events;
    if (messages.length > 0) await this.outbox.publish(m, messages, { replyTo: this.options.replyTo });
    await this.options.onTransition?.(m, toView(saga), events);
  }

  /** A new envelope id per send: a retried compensation is a new message with the same idempotency data. */
  private commandOf(
    transition: Transition<unknown>,
    saga: { tenantId: string; correlationId: string },
    causationId: string | undefined,
  ): (SentCommand & { envelope: Envelope }) | null {
    const planned = transition.awaiting;
    if (!planned || planned === 'keep') return null;
    const envelope = this.envelope(planned, saga, causationId);
    return { id: envelope.id, planned, envelope };
  }

  private envelope(
    message: { type: string; subject: string; data: unknown },
    saga: { tenantId: string; correlationId: string },
    causationId: string | undefined,
  ): Envelope {
    return buildEnvelope(message.type, {
      source: this.options.source,
      subject: message.subject,
      tenantId: saga.tenantId,
      correlationId: saga.correlationId,
      causationId,
      data: message.data,
    });
  }

  private async withRetries(
    sagaKey: string,
    manager: EntityManager | undefined,
    fn: (m: EntityManager) => Promise<ReplyResult>,
  ): Promise<ReplyResult> {
    for (let attempt = 1; attempt <= this.maxRetries; attempt++) {
      try {
        // A lost race writes nothing before it throws, so even the caller's transaction can re-read.
        return await this.inTransaction(manager, fn);
      } catch (error) {
        if (!(error instanceof VersionConflict)) throw error;
      }
    }
    throw new SagaConcurrencyError(sagaKey, this.maxRetries);
  }

  private inTransaction<T>(
    manager: EntityManager | undefined,
    fn: (m: EntityManager) => Promise<T>,
  ): Promise<T> {
    return manager ? fn(manager) : this.options.dataSource.transaction(fn);
  }

  private sameSaga(saga: StoredSaga, type: string, tenantId: string): StoredSaga {
    if (saga.type !== type || saga.tenantId !== tenantId) throw new SagaIdConflictError(saga.id);
    return saga;
  }

  private definition(type: string): AnySagaDefinition {
    const def = this.definitions.get(type);
    if (!def) throw new UnknownSagaTypeError(type);
    return def;
  }

  private snapshotOf(saga: StoredSaga): SagaSnapshot<unknown> {
    return {
      id: saga.id,
      tenantId: saga.tenantId,
      correlationId: saga.correlationId,
      state: saga.state,
      step: saga.step,
      data: saga.data,
      completedSteps: saga.completedSteps,
      compensationQueue: saga.compensationQueue,
      compensationAttempts: saga.compensationAttempts,
      reason: saga.reason,
    };
  }

  private ignored(reply: Envelope, reason: string, sagaId?: string | null): ReplyResult {
    this.logger.debug?.(`reply ${reply.id} (${reply.type}) ignored: ${reason}`);
    return sagaId ? { outcome: 'ignored', reason, sagaId } : { outcome: 'ignored', reason };
  }

  /** Counted once the transition is written (with a caller's transaction: before the caller commits). */
  private count(saga: { type: string; state: SagaView['state'] }): void {
    if (isTerminal(saga.state)) this.outcomes.inc({ type: saga.type, state: saga.state });
  }

  private get maxRetries(): number {
    return this.options.maxConflictRetries ?? 3;
  }
}
