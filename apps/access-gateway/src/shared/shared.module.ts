import { Global, Module } from '@nestjs/common';
import { TRANSACTION_RUNNER } from './application/transaction.port';
import { TypeOrmTransactionRunner } from './infrastructure/typeorm-transaction.runner';

@Global()
@Module({
  providers: [{ provide: TRANSACTION_RUNNER, useClass: TypeOrmTransactionRunner }],
  exports: [TRANSACTION_RUNNER],
})
export class SharedModule {}
