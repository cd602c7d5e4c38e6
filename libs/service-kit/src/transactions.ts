import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';

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
  /**
   * Calls `then` once the outermost transaction `tx` belongs to commits (never if it rolls back): to
   * start, at once, work that must see what it wrote (a worker pass). `then` must not throw.
   */
  afterCommit(tx: Transaction, then: () => void): void;
}

export const TRANSACTIONS = Symbol('TRANSACTIONS');

/** Transactions on the service's DataSource; one opened inside another is a SAVEPOINT (TypeORM). */
@Injectable()
export class TypeOrmTransactions implements Transactions {
  private readonly pending = new WeakMap<QueryRunner, (() => void)[]>();

  constructor(private readonly db: DataSource) {
    const settle = (runner: QueryRunner | undefined, committed: boolean) => {
      // A savepoint's release is reported too: only the outermost commit counts.
      if (!runner || runner.isTransactionActive) return;
      const callbacks = this.pending.get(runner);
      this.pending.delete(runner);
      if (committed) callbacks?.forEach((then) => then());
    };
    db.subscribers.push({
      afterTransactionCommit: ({ queryRunner }) => settle(queryRunner, true),
      afterTransactionRollback: ({ queryRunner }) => settle(queryRunner, false),
    });
  }

  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  savepoint<T>(tx: Transaction, work: (tx: Transaction) => Promise<T>): Promise<T> {
    return tx.transaction(work);
  }

  afterCommit(tx: Transaction, then: () => void): void {
    const runner = tx.queryRunner;
    if (!runner?.isTransactionActive) throw new Error('afterCommit needs an open transaction');
    this.pending.set(runner, [...(this.pending.get(runner) ?? []), then]);
  }
}

/** A timestamptz column as ISO-8601 UTC text (`2026-11-30T12:00:00.000Z`), as the APIs answer times. */
export const isoUtc = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
