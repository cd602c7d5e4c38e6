// Tracing starts before anything it instruments (http, express, pg) is loaded.
import { startTracing } from '@sportclub/observability';
startTracing('access-gateway');

import { runService, serviceConfigSchema } from '@sportclub/service-kit';

void runService({ name: 'access-gateway', features: [], configSchema: serviceConfigSchema, migrations: [] });
