import { Module } from '@nestjs/common';
import { Outbox } from '@sportclub/outbox';
import { OUTBOX } from './application/ports/outbox.port';
import { TRANSACTIONS } from './application/ports/transaction.port';
import { TypeOrmTransactionsAdapter } from './infrastructure/typeorm-transactions.adapter';

/** Binds the ports every context of payments shares to the platform's outbox and database. */
@Module({
  providers: [
    { provide: OUTBOX, useExisting: Outbox },
    { provide: TRANSACTIONS, useClass: TypeOrmTransactionsAdapter },
  ],
  exports: [OUTBOX, TRANSACTIONS],
})
export class SharedModule {}
