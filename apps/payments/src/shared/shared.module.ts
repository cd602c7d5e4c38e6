import { Module } from '@nestjs/common';
import { Outbox } from '@sportclub/outbox';
import { DataSource } from 'typeorm';
import { OUTBOX } from './application/ports/outbox.port';
import { TRANSACTIONS } from './application/ports/transaction.port';

/** Binds the ports every context of payments shares to the platform's outbox and database. */
@Module({
  providers: [
    { provide: OUTBOX, useExisting: Outbox },
    { provide: TRANSACTIONS, useExisting: DataSource },
  ],
  exports: [OUTBOX, TRANSACTIONS],
})
export class SharedModule {}
