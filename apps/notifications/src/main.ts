// Tracing starts before anything it instruments (http, express, pg) is loaded.
import { startTracing } from '@sportclub/observability';
startTracing('notifications');

import { runService, serviceConfigSchema } from '@sportclub/service-kit';

void runService({ name: 'notifications', features: [], configSchema: serviceConfigSchema, migrations: [] });
