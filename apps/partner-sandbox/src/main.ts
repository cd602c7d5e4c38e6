// Tracing starts before anything it instruments (http, express, pg) is loaded.
import { startTracing } from '@sportclub/observability';
startTracing('partner-sandbox');

import type { NestExpressApplication } from '@nestjs/platform-express';
import { runService } from '@sportclub/service-kit';
import { sandboxConfigSchema } from './config/sandbox.config';
import { SandboxModule } from './sandbox.module';

// The sandbox simulates vendors at their HTTP boundary; it owns no database and joins no broker.
void runService({
  name: 'partner-sandbox',
  features: [SandboxModule],
  configSchema: sandboxConfigSchema,
  infrastructure: false,
  strictRequests: false,
  // Stripe's SDK sends nested parameters in bracket form in the query too (`expand[0]=…`); bodies are
  // already parsed that way (Nest's urlencoded parser is the extended, qs-based one).
  configure: (app) => (app as NestExpressApplication).set('query parser', 'extended'),
});
