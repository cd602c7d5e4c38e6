/**
 * The states a saga instance moves through. RUNNING and COMPENSATING are active (they hold the semantic
 * lock and may have a deadline); the other four are terminal and every saga must end in one of them.
 */
export const SAGA_STATES = [
  'RUNNING',
  'COMPENSATING',
  'COMPLETED',
  'REJECTED',
  'FAILED',
  'NEEDS_ATTENTION',
] as const;
export type SagaState = (typeof SAGA_STATES)[number];

export const ACTIVE_STATES: readonly SagaState[] = ['RUNNING', 'COMPENSATING'];
export const TERMINAL_STATES: readonly SagaState[] = ['COMPLETED', 'REJECTED', 'FAILED', 'NEEDS_ATTENTION'];

export const isTerminal = (state: SagaState): boolean => TERMINAL_STATES.includes(state);

/** What the query API returns about one saga instance. */
export interface SagaView<Data = unknown> {
  id: string;
  type: string;
  tenantId: string;
  lockKey: string;
  correlationId: string;
  state: SagaState;
  /** The step running or being compensated; null once terminal. */
  step: string | null;
  data: Data;
  reason: string | null;
  version: number;
  deadlineAt: Date | null;
  compensationAttempts: number;
  createdAt: Date;
  updatedAt: Date;
}
