// Tracing starts before anything it instruments (http, express, pg) is loaded.
import { startTracing } from '@sportclub/observability';
startTracing('calendar-sync');

import { runService } from '@sportclub/service-kit';
import { calendarSyncConfigSchema } from './config/calendar-sync.config';
import { ConnectionsModule } from './connections/connections.module';
import { CALENDAR_SYNC_MIGRATIONS } from './migrations';
import { SharedModule } from './shared/shared.module';
import { SyncModule } from './sync/sync.module';

void runService({
  name: 'calendar-sync',
  features: [SharedModule, ConnectionsModule, SyncModule],
  configSchema: calendarSyncConfigSchema,
  migrations: CALENDAR_SYNC_MIGRATIONS,
});
