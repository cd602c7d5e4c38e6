/** Errors a caller of the saga engine is expected to handle. */

/** Another saga of the same type already holds the lock key; the caller rejects or queues the request. */
export class SagaLockedError extends Error {
  constructor(
    readonly sagaType: string,
    readonly lockKey: string,
    readonly activeSagaId: string,
  ) {
    super(`saga ${sagaType} for ${lockKey} is already active as ${activeSagaId}`);
    this.name = 'SagaLockedError';
  }
}

/** The saga id is taken by an instance of another type or tenant (an idempotency key reused wrongly). */
export class SagaIdConflictError extends Error {
  constructor(readonly sagaId: string) {
    super(`saga id ${sagaId} already belongs to another saga`);
    this.name = 'SagaIdConflictError';
  }
}

/** Optimistic concurrency kept losing; the caller's transaction should roll back and be retried. */
export class SagaConcurrencyError extends Error {
  constructor(
    readonly sagaId: string,
    attempts: number,
  ) {
    super(`saga ${sagaId} changed concurrently ${attempts} times in a row`);
    this.name = 'SagaConcurrencyError';
  }
}

export class UnknownSagaTypeError extends Error {
  constructor(readonly sagaType: string) {
    super(`no saga definition named ${sagaType}`);
    this.name = 'UnknownSagaTypeError';
  }
}
