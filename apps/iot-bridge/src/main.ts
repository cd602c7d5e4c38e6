// Tracing starts before anything it instruments (http, express, pg) is loaded.
import { startTracing } from '@sportclub/observability';
startTracing('iot-bridge');

import { runService, serviceConfigSchema } from '@sportclub/service-kit';

void runService({ name: 'iot-bridge', features: [], configSchema: serviceConfigSchema, migrations: [] });
