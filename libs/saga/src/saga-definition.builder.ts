import type { Envelope, MessageDefinition } from '@sportclub/contracts';
import type { Outcome } from './saga.outcome';

/**
 * The saga definition DSL. A definition is plain data plus pure functions of the saga's data: which
 * command each step sends, how each reply decides the next move, deadlines and compensations. Instances
 * persist step names, so renaming or removing a step must wait until no instance is on it.
 */

/** A contract (typed `data`) or just its type name. */
export type MessageRef<T> = MessageDefinition<T> | string;

export const messageType = (ref: MessageRef<unknown>): string => (typeof ref === 'string' ? ref : ref.type);

/** What a step or event builder returns; the engine adds id, source, tenant, correlation and causation. */
export interface Outgoing<T> {
  subject: string;
  data: T;
}

export interface SagaContext {
  sagaId: string;
  tenantId: string;
  correlationId: string;
  /** 1 for a step's command; 1..maxAttempts for a compensation (retries keep the same idempotency data). */
  attempt: number;
}

export interface SagaEndContext extends SagaContext {
  reason: string | null;
  /** The step that failed or whose compensation could not be confirmed. */
  step: string | null;
}

export interface MessageSpec<Data, Ctx = SagaContext> {
  readonly type: string;
  readonly build: (data: Data, ctx: Ctx) => Outgoing<unknown>;
}

export interface CompensationSpec<Data> extends MessageSpec<Data> {
  /** Extra filter on the saga data (default: compensate whenever the step may have had an effect). */
  readonly when?: (data: Data) => boolean;
  /** Reply type → whether the reply confirms the compensation. Empty: any reply confirms it. */
  readonly confirms: ReadonlyMap<string, (data: Data, reply: Envelope) => boolean>;
}

export interface StepSpec<Data> {
  readonly name: string;
  readonly when?: (data: Data) => boolean;
  readonly command: MessageSpec<Data>;
  readonly replies: ReadonlyMap<string, (data: Data, reply: Envelope) => Outcome<Data>>;
  readonly deadline?: (data: Data) => number;
  readonly onTimeout?: (data: Data) => Outcome<Data>;
  readonly compensation?: CompensationSpec<Data>;
}

export type EndState = 'COMPLETED' | 'FAILED' | 'REJECTED' | 'NEEDS_ATTENTION';

export interface CompensationPolicy<Data> {
  /** Sends of one compensation command before the saga parks as NEEDS_ATTENTION. */
  readonly maxAttempts: number;
  readonly deadline: (data: Data) => number | null;
}

export interface SagaDefinition<Data> {
  readonly type: string;
  readonly steps: readonly StepSpec<Data>[];
  readonly lockKey: (data: Data, sagaId: string) => string;
  readonly compensation: CompensationPolicy<Data>;
  readonly events: Readonly<Record<EndState, readonly MessageSpec<Data, SagaEndContext>[]>>;
  /** Type-level only. */
  readonly __data?: Data;
}

export const DEFAULT_COMPENSATION_ATTEMPTS = 3;
export const DEFAULT_COMPENSATION_DEADLINE_MS = 60_000;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class SagaStepBuilder<Data> {
  private spec: Partial<Mutable<StepSpec<Data>>> & { name: string };
  private readonly replies = new Map<string, (data: Data, reply: Envelope) => Outcome<Data>>();
  private readonly confirms = new Map<string, (data: Data, reply: Envelope) => boolean>();
  private compensation?: Omit<CompensationSpec<Data>, 'confirms'>;

  constructor(name: string) {
    this.spec = { name };
  }

  /** The step runs only when the predicate holds on the data at the moment it would start. */
  when(predicate: (data: Data) => boolean): this {
    this.spec.when = predicate;
    return this;
  }

  send<T>(message: MessageRef<T>, build: (data: Data, ctx: SagaContext) => Outgoing<T>): this {
    this.spec.command = { type: messageType(message), build };
    return this;
  }

  onReply<R>(message: MessageRef<R>, handler: (data: Data, reply: Envelope<R>) => Outcome<Data>): this {
    const type = messageType(message);
    if (this.replies.has(type)) throw new Error(`step ${this.spec.name} handles ${type} twice`);
    this.replies.set(type, handler as (data: Data, reply: Envelope) => Outcome<Data>);
    return this;
  }

  /** Milliseconds the step may wait for its reply; expiry fails the step unless `onTimeout` decides. */
  deadline(ms: number | ((data: Data) => number)): this {
    this.spec.deadline = typeof ms === 'number' ? () => ms : ms;
    return this;
  }

  /** Default on expiry: fail and compensate, including this step (its command may have taken effect). */
  onTimeout(handler: (data: Data) => Outcome<Data>): this {
    this.spec.onTimeout = handler;
    return this;
  }

  compensate<T>(
    message: MessageRef<T>,
    build: (data: Data, ctx: SagaContext) => Outgoing<T>,
    options: { when?: (data: Data) => boolean } = {},
  ): this {
    this.compensation = { type: messageType(message), build, when: options.when };
    return this;
  }

  /**
   * Declares a reply of the compensation and whether it confirms it (false: retry; default: it does).
   * Declared replies are also how the orchestrator's queue knows to route them to the saga.
   */
  onCompensationReply<R>(
    message: MessageRef<R>,
    confirmed: (data: Data, reply: Envelope<R>) => boolean = () => true,
  ): this {
    this.confirms.set(messageType(message), confirmed as (data: Data, reply: Envelope) => boolean);
    return this;
  }

  /** @internal */
  toSpec(): StepSpec<Data> {
    const { name, command } = this.spec;
    if (!command) throw new Error(`step ${name} sends no command`);
    if (this.replies.size === 0) throw new Error(`step ${name} handles no reply`);
    if (this.confirms.size > 0 && !this.compensation) {
      throw new Error(`step ${name} handles a compensation reply but has no compensation`);
    }
    return {
      ...this.spec,
      name,
      command,
      replies: new Map(this.replies),
      compensation: this.compensation && { ...this.compensation, confirms: new Map(this.confirms) },
    };
  }
}

export class SagaDefinitionBuilder<Data> {
  private readonly steps: StepSpec<Data>[] = [];
  private lockKeyOf?: (data: Data) => string;
  private compensationRules: CompensationPolicy<Data> = {
    maxAttempts: DEFAULT_COMPENSATION_ATTEMPTS,
    deadline: () => DEFAULT_COMPENSATION_DEADLINE_MS,
  };
  private readonly events: Record<EndState, MessageSpec<Data, SagaEndContext>[]> = {
    COMPLETED: [],
    FAILED: [],
    REJECTED: [],
    NEEDS_ATTENTION: [],
  };

  constructor(private readonly type: string) {
    if (!/^[a-z][a-z0-9-]*$/.test(type)) throw new Error(`saga type ${type} must be kebab-case`);
  }

  /** One active saga of this type per key and tenant (e.g. per member); none when not set. */
  lockKey(keyOf: (data: Data) => string): this {
    this.lockKeyOf = keyOf;
    return this;
  }

  compensationPolicy(policy: {
    maxAttempts?: number;
    deadline?: number | null | ((data: Data) => number);
  }): this {
    const maxAttempts = policy.maxAttempts ?? this.compensationRules.maxAttempts;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
      throw new Error('maxAttempts must be a positive integer');
    const deadline = policy.deadline;
    this.compensationRules = {
      maxAttempts,
      deadline:
        deadline === undefined
          ? this.compensationRules.deadline
          : typeof deadline === 'function'
            ? deadline
            : () => deadline,
    };
    return this;
  }

  step(name: string, configure: (step: SagaStepBuilder<Data>) => unknown): this {
    if (this.steps.some((s) => s.name === name))
      throw new Error(`saga ${this.type} has two steps named ${name}`);
    const builder = new SagaStepBuilder<Data>(name);
    configure(builder);
    this.steps.push(builder.toSpec());
    return this;
  }

  onCompleted<T>(message: MessageRef<T>, build: (data: Data, ctx: SagaEndContext) => Outgoing<T>): this {
    return this.emit('COMPLETED', message, build);
  }

  onFailed<T>(message: MessageRef<T>, build: (data: Data, ctx: SagaEndContext) => Outgoing<T>): this {
    return this.emit('FAILED', message, build);
  }

  onRejected<T>(message: MessageRef<T>, build: (data: Data, ctx: SagaEndContext) => Outgoing<T>): this {
    return this.emit('REJECTED', message, build);
  }

  onNeedsAttention<T>(message: MessageRef<T>, build: (data: Data, ctx: SagaEndContext) => Outgoing<T>): this {
    return this.emit('NEEDS_ATTENTION', message, build);
  }

  build(): SagaDefinition<Data> {
    if (this.steps.length === 0) throw new Error(`saga ${this.type} has no steps`);
    const keyOf = this.lockKeyOf;
    return {
      type: this.type,
      steps: [...this.steps],
      lockKey: (data, sagaId) => (keyOf ? keyOf(data) : sagaId),
      compensation: this.compensationRules,
      events: {
        COMPLETED: [...this.events.COMPLETED],
        FAILED: [...this.events.FAILED],
        REJECTED: [...this.events.REJECTED],
        NEEDS_ATTENTION: [...this.events.NEEDS_ATTENTION],
      },
    };
  }

  private emit<T>(
    state: EndState,
    message: MessageRef<T>,
    build: (data: Data, ctx: SagaEndContext) => Outgoing<T>,
  ): this {
    this.events[state].push({ type: messageType(message), build });
    return this;
  }
}

/**
 * Every reply type a definition handles: its steps' `onReply` and its compensations'
 * `onCompensationReply`. Throws for a compensation that declares none — it would accept any reply, but
 * nothing could route one to it.
 */
export function replyTypesOf(def: SagaDefinition<unknown>): string[] {
  const types = new Set<string>();
  for (const step of def.steps) {
    for (const type of step.replies.keys()) types.add(type);
    if (!step.compensation) continue;
    if (step.compensation.confirms.size === 0) {
      throw new Error(
        `saga ${def.type}: the compensation of step ${step.name} declares no reply (onCompensationReply)`,
      );
    }
    for (const type of step.compensation.confirms.keys()) types.add(type);
  }
  return [...types];
}

/** Starts a saga definition; `Data` is the JSON the instance carries (persisted as jsonb). */
export function defineSaga<Data>(type: string): SagaDefinitionBuilder<Data> {
  return new SagaDefinitionBuilder<Data>(type);
}
