// Tracing starts before anything it instruments (http, express, pg) is loaded.
import { startTracing } from '@sportclub/observability';
startTracing('video');

import { runService, serviceConfigSchema } from '@sportclub/service-kit';

void runService({ name: 'video', features: [], configSchema: serviceConfigSchema, migrations: [] });
