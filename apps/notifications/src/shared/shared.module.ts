import { Module } from '@nestjs/common';
import { Outbox } from '@sportclub/outbox';
import { OUTBOX } from './application/ports/outbox.port';

/** Binds the outbox port every context of notifications shares (transactions come from the service kit). */
@Module({
  providers: [{ provide: OUTBOX, useExisting: Outbox }],
  exports: [OUTBOX],
})
export class SharedModule {}
