import type { DataSource, EntityManager } from 'typeorm';
import type { Transaction, UnitOfWork } from '../application/ports/unit-of-work.port';

/** The TypeORM transaction behind a use case's handle, for repositories and the outbox. */
export const managerOf = (tx: Transaction): EntityManager => tx as unknown as EntityManager;

/** A transaction begun elsewhere (a message handler's inbox transaction), handed to a use case. */
export const asTransaction = (manager: EntityManager): Transaction => manager as unknown as Transaction;

export class TypeormUnitOfWork implements UnitOfWork {
  constructor(private readonly db: DataSource) {}

  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction((manager) => work(asTransaction(manager)));
  }
}
