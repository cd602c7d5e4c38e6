// Tracing starts before anything it instruments (http, express, pg) is loaded.
import { startTracing } from '@sportclub/observability';
startTracing('calendar-sync');

import { runService, serviceConfigSchema } from '@sportclub/service-kit';

void runService({ name: 'calendar-sync', features: [], configSchema: serviceConfigSchema, migrations: [] });
