import { Global, Module } from '@nestjs/common';
import { Outbox } from '@sportclub/outbox';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { CalendarSyncConfig } from '../config/calendar-sync.config';
import { OUTBOX } from './application/ports/outbox.port';
import { GOOGLE_CALENDAR, GOOGLE_GRANT } from './application/ports/google.port';
import { SyncTrigger } from './application/sync-trigger';
import { GoogleAdapter } from './infrastructure/google.adapter';

/** What both contexts of calendar-sync use: the outbox, Google, and the sync workers' wake-up. */
@Global()
@Module({
  providers: [
    { provide: OUTBOX, useExisting: Outbox },
    {
      provide: GoogleAdapter,
      inject: [SERVICE_CONFIG],
      useFactory: (config: CalendarSyncConfig) => new GoogleAdapter(config),
    },
    { provide: GOOGLE_GRANT, useExisting: GoogleAdapter },
    { provide: GOOGLE_CALENDAR, useExisting: GoogleAdapter },
    SyncTrigger,
  ],
  exports: [OUTBOX, GOOGLE_GRANT, GOOGLE_CALENDAR, SyncTrigger],
})
export class SharedModule {}
