// Tracing starts before anything it instruments (http, express, pg) is loaded.
import { startTracing } from '@sportclub/observability';
startTracing('erp-etl');

import { runService, serviceConfigSchema } from '@sportclub/service-kit';

void runService({ name: 'erp-etl', features: [], configSchema: serviceConfigSchema, migrations: [] });
