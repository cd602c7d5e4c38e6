// Tracing starts before anything it instruments (http, express, pg) is loaded.
import { startTracing } from '@sportclub/observability';
startTracing('payments');

import { runService, serviceConfigSchema } from '@sportclub/service-kit';

void runService({ name: 'payments', features: [], configSchema: serviceConfigSchema, migrations: [] });
