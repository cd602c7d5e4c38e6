import type { EntityManager } from 'typeorm';

/** A database transaction as use cases see it: repositories take it to write inside it. */
export type Tx = EntityManager;

/** Runs a use case's writes in one transaction (committed when `work` resolves, rolled back if it throws). */
export interface TransactionRunner {
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

export const TRANSACTION_RUNNER = Symbol('TRANSACTION_RUNNER');
