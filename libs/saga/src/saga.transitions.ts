import type { Envelope } from '@sportclub/contracts';
import type { EndState, MessageSpec, SagaContext, SagaDefinition, StepSpec } from './saga-definition.builder';
import { fail, type Outcome } from './saga.outcome';
import type { SagaState } from './saga.state';

/**
 * The saga state machine as pure functions: (definition, stored snapshot, trigger) → the next snapshot,
 * the one command to send (if any) and the events to emit. No I/O here, so every rule is unit-testable and
 * the engine's only job is to persist a transition atomically with its outbox rows.
 */

export interface SagaSnapshot<Data> {
  id: string;
  tenantId: string;
  correlationId: string;
  state: SagaState;
  step: string | null;
  data: Data;
  /** Steps whose effect happened (or may have), in order; compensation walks them backwards. */
  completedSteps: readonly string[];
  /** Steps still to compensate after the current one. */
  compensationQueue: readonly string[];
  compensationAttempts: number;
  reason: string | null;
}

export interface PlannedMessage {
  type: string;
  subject: string;
  data: unknown;
}

export interface PlannedCommand extends PlannedMessage {
  step: string;
  role: 'step' | 'compensation';
  attempt: number;
}

export interface Transition<Data> {
  state: SagaState;
  step: string | null;
  data: Data;
  completedSteps: string[];
  compensationQueue: string[];
  compensationAttempts: number;
  reason: string | null;
  /** The command the saga now waits on: a new one, the same one ('keep'), or none (terminal). */
  awaiting: PlannedCommand | 'keep' | null;
  /** Milliseconds from now, unchanged ('keep'), or none. */
  deadline: number | 'keep' | null;
  events: PlannedMessage[];
}

export type Decision<Data> =
  { kind: 'transition'; transition: Transition<Data> } | { kind: 'ignore'; reason: string };

export type Trigger = { kind: 'reply'; reply: Envelope } | { kind: 'deadline' };

type Def<Data> = SagaDefinition<Data>;

/** The first transition: enter the first step whose condition holds (or complete if none does). */
export function startTransition<Data>(
  def: Def<Data>,
  saga: Pick<SagaSnapshot<Data>, 'id' | 'tenantId' | 'correlationId' | 'data'>,
): Transition<Data> {
  const snap: SagaSnapshot<Data> = {
    ...saga,
    state: 'RUNNING',
    step: null,
    completedSteps: [],
    compensationQueue: [],
    compensationAttempts: 0,
    reason: null,
  };
  return enter(def, snap, saga.data, 0, []);
}

/** A reply already matched to the command the saga awaits, or the saga's deadline having expired. */
export function decide<Data>(def: Def<Data>, snap: SagaSnapshot<Data>, trigger: Trigger): Decision<Data> {
  if (snap.state !== 'RUNNING' && snap.state !== 'COMPENSATING') {
    return { kind: 'ignore', reason: `saga is ${snap.state}` };
  }
  const step = stepNamed(def, snap.step);
  if (snap.state === 'RUNNING') {
    let outcome: Outcome<Data>;
    if (trigger.kind === 'deadline') {
      outcome = step.onTimeout ? step.onTimeout(snap.data) : fail(`${step.name} timed out`);
    } else {
      const handler = step.replies.get(trigger.reply.type);
      if (!handler) return { kind: 'ignore', reason: `step ${step.name} expects no ${trigger.reply.type}` };
      outcome = handler(snap.data, trigger.reply);
    }
    return { kind: 'transition', transition: apply(def, snap, step, outcome, trigger.kind === 'deadline') };
  }

  // COMPENSATING
  if (trigger.kind === 'deadline') {
    return {
      kind: 'transition',
      transition: retryCompensation(def, snap, `compensation of ${step.name} timed out`),
    };
  }
  const confirms = step.compensation?.confirms ?? new Map();
  const confirm = confirms.get(trigger.reply.type);
  if (confirms.size > 0 && !confirm) {
    return { kind: 'ignore', reason: `compensation of ${step.name} expects no ${trigger.reply.type}` };
  }
  if (confirm && !confirm(snap.data, trigger.reply)) {
    return {
      kind: 'transition',
      transition: retryCompensation(
        def,
        snap,
        `compensation of ${step.name} not confirmed by ${trigger.reply.type}`,
      ),
    };
  }
  return { kind: 'transition', transition: continueCompensation(def, snap) };
}

function apply<Data>(
  def: Def<Data>,
  snap: SagaSnapshot<Data>,
  step: StepSpec<Data>,
  outcome: Outcome<Data>,
  timedOut: boolean,
): Transition<Data> {
  const data = outcome.data ?? snap.data;
  switch (outcome.kind) {
    case 'next':
      return enter(def, snap, data, indexOf(def, step.name) + 1, [...snap.completedSteps, step.name]);
    case 'goto': {
      const completed = outcome.completed ? [...snap.completedSteps, step.name] : [...snap.completedSteps];
      return enter(def, snap, data, indexOf(def, outcome.step), completed);
    }
    case 'stay':
      return {
        ...carry(snap),
        data,
        awaiting: 'keep',
        // After a timeout, staying means waiting one more deadline period for the same command.
        deadline: timedOut ? (step.deadline?.(data) ?? null) : 'keep',
        events: [],
      };
    case 'fail': {
      // A step that timed out may still have taken effect, so it is compensated too; a step whose reply
      // reported failure is not.
      const candidates = timedOut ? [...snap.completedSteps, step.name] : [...snap.completedSteps];
      return compensate(def, snap, data, outcome.reason, candidates);
    }
    case 'reject':
      return end(def, snap, data, 'REJECTED', outcome.reason, step.name);
  }
}

function enter<Data>(
  def: Def<Data>,
  snap: SagaSnapshot<Data>,
  data: Data,
  from: number,
  completedSteps: string[],
): Transition<Data> {
  for (let i = from; i < def.steps.length; i++) {
    const step = def.steps[i];
    if (step.when && !step.when(data)) continue;
    return {
      state: 'RUNNING',
      step: step.name,
      data,
      completedSteps,
      compensationQueue: [],
      compensationAttempts: 0,
      reason: snap.reason,
      awaiting: command(step.command, snap, data, step.name, 'step', 1),
      deadline: step.deadline?.(data) ?? null,
      events: [],
    };
  }
  return end(def, { ...snap, completedSteps }, data, 'COMPLETED', snap.reason, null);
}

function compensate<Data>(
  def: Def<Data>,
  snap: SagaSnapshot<Data>,
  data: Data,
  reason: string,
  candidates: string[],
): Transition<Data> {
  const queue: string[] = [];
  for (const name of [...candidates].reverse()) {
    const compensation = stepNamed(def, name).compensation;
    if (!compensation || queue.includes(name)) continue;
    if (compensation.when && !compensation.when(data)) continue;
    queue.push(name);
  }
  const failed = { ...snap, data, reason, completedSteps: candidates };
  if (queue.length === 0) return end(def, failed, data, 'FAILED', reason, snap.step);
  return sendCompensation(def, failed, queue[0], queue.slice(1), 1);
}

function continueCompensation<Data>(def: Def<Data>, snap: SagaSnapshot<Data>): Transition<Data> {
  const [head, ...rest] = snap.compensationQueue;
  if (head === undefined) return end(def, snap, snap.data, 'FAILED', snap.reason, snap.step);
  return sendCompensation(def, snap, head, rest, 1);
}

function retryCompensation<Data>(def: Def<Data>, snap: SagaSnapshot<Data>, why: string): Transition<Data> {
  const step = stepNamed(def, snap.step);
  if (snap.compensationAttempts < def.compensation.maxAttempts) {
    return sendCompensation(def, snap, step.name, [...snap.compensationQueue], snap.compensationAttempts + 1);
  }
  return end(
    def,
    snap,
    snap.data,
    'NEEDS_ATTENTION',
    `${why} after ${snap.compensationAttempts} attempt(s); failure was: ${snap.reason ?? 'unknown'}`,
    step.name,
  );
}

function sendCompensation<Data>(
  def: Def<Data>,
  snap: SagaSnapshot<Data>,
  name: string,
  queue: string[],
  attempt: number,
): Transition<Data> {
  const compensation = stepNamed(def, name).compensation!;
  return {
    ...carry(snap),
    state: 'COMPENSATING',
    step: name,
    compensationQueue: queue,
    compensationAttempts: attempt,
    awaiting: command(compensation, snap, snap.data, name, 'compensation', attempt),
    deadline: def.compensation.deadline(snap.data),
    events: [],
  };
}

function end<Data>(
  def: Def<Data>,
  snap: SagaSnapshot<Data>,
  data: Data,
  state: EndState,
  reason: string | null,
  step: string | null,
): Transition<Data> {
  const ctx = { ...context(snap, 1), reason, step };
  return {
    ...carry(snap),
    state,
    step: null,
    data,
    reason,
    compensationQueue: [],
    awaiting: null,
    deadline: null,
    events: def.events[state].map((spec) => ({ type: spec.type, ...spec.build(data, ctx) })),
  };
}

function carry<Data>(snap: SagaSnapshot<Data>): Omit<Transition<Data>, 'awaiting' | 'deadline' | 'events'> {
  return {
    state: snap.state,
    step: snap.step,
    data: snap.data,
    completedSteps: [...snap.completedSteps],
    compensationQueue: [...snap.compensationQueue],
    compensationAttempts: snap.compensationAttempts,
    reason: snap.reason,
  };
}

function command<Data>(
  spec: MessageSpec<Data>,
  snap: SagaSnapshot<Data>,
  data: Data,
  step: string,
  role: PlannedCommand['role'],
  attempt: number,
): PlannedCommand {
  return { type: spec.type, ...spec.build(data, context(snap, attempt)), step, role, attempt };
}

const context = <Data>(snap: SagaSnapshot<Data>, attempt: number): SagaContext => ({
  sagaId: snap.id,
  tenantId: snap.tenantId,
  correlationId: snap.correlationId,
  attempt,
});

function indexOf<Data>(def: Def<Data>, name: string): number {
  const index = def.steps.findIndex((s) => s.name === name);
  if (index < 0) throw new Error(`saga ${def.type} has no step ${name}`);
  return index;
}

function stepNamed<Data>(def: Def<Data>, name: string | null): StepSpec<Data> {
  return def.steps[indexOf(def, name ?? '(none)')];
}
