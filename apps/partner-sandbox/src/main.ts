// Tracing starts before anything it instruments (http, express, pg) is loaded.
import { startTracing } from '@sportclub/observability';
startTracing('partner-sandbox');

import { httpConfigSchema, runService } from '@sportclub/service-kit';
import { SandboxModule } from './sandbox.module';

// The sandbox simulates vendors at their HTTP boundary; it owns no database and joins no broker.
void runService({
  name: 'partner-sandbox',
  features: [SandboxModule],
  configSchema: httpConfigSchema,
  infrastructure: false,
});
