import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction, Transactions } from '../application/ports/transaction.port';

/** Transactions on the service's DataSource; a transaction opened inside one is a SAVEPOINT (TypeORM). */
@Injectable()
export class TypeOrmTransactionsAdapter implements Transactions {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  savepoint<T>(tx: Transaction, work: (tx: Transaction) => Promise<T>): Promise<T> {
    return tx.transaction(work);
  }
}
