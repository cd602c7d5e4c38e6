import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TransactionRunner, Tx } from '../application/transaction.port';

@Injectable()
export class TypeOrmTransactionRunner implements TransactionRunner {
  constructor(private readonly db: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
