/**
 * A database transaction as a use case holds it: opaque, passed to the repositories and the event
 * publisher that take part in it, so their writes commit together or not at all.
 */
export interface Transaction {
  readonly __transaction: never;
}

export interface UnitOfWork {
  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
}

export const UNIT_OF_WORK = Symbol('UnitOfWork');
