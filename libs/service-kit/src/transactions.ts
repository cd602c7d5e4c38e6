import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The caller's open database transaction (a message's inbox transaction, or one a use case opened
 * through `Transactions`). Use cases never look inside: they hand it to repositories and the outbox, so
 * a state change and its events commit together or not at all.
 */
export type Transaction = EntityManager;

/** The port through which use cases open transactions (bound to `TRANSACTIONS` by the service kit). */
export interface Transactions {
  /** Runs `work` in a new transaction: committed when it resolves, rolled back when it throws. */
  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /**
   * Runs `work` inside `tx` behind a savepoint: if it fails — a database error included — only its own
   * writes are undone and `tx` stays usable (to record the failure).
   */
  savepoint<T>(tx: Transaction, work: (tx: Transaction) => Promise<T>): Promise<T>;
}

export const TRANSACTIONS = Symbol('TRANSACTIONS');

/** Transactions on the service's DataSource; one opened inside another is a SAVEPOINT (TypeORM). */
@Injectable()
export class TypeOrmTransactions implements Transactions {
  constructor(private readonly db: DataSource) {}

  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  savepoint<T>(tx: Transaction, work: (tx: Transaction) => Promise<T>): Promise<T> {
    return tx.transaction(work);
  }
}

/** A timestamptz column as ISO-8601 UTC text (`2026-11-30T12:00:00.000Z`), as the APIs answer times. */
export const isoUtc = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
