import type { EntityManager } from 'typeorm';

/**
 * The caller's open database transaction (a message's inbox transaction, or one a handler opened through
 * `Transactions`). Handlers never look inside: they hand it to repositories and the outbox, so a state
 * change, its ledger movement and its events commit together or not at all.
 */
export type Transaction = EntityManager;

/** Opens a transaction for work that no message brought in (the provider-event processor). */
export interface Transactions {
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /**
   * Runs `work` inside `tx` behind a savepoint: if it fails — a database error included — only its own
   * writes are undone and `tx` stays usable (to record the failure).
   */
  savepoint<T>(tx: Transaction, work: (tx: Transaction) => Promise<T>): Promise<T>;
}

export const TRANSACTIONS = Symbol('TRANSACTIONS');
