import type { NestExpressApplication } from '@nestjs/platform-express';
import type { RunServiceOptions } from '@sportclub/service-kit';
import { sandboxConfigSchema } from './config/sandbox.config';
import { SandboxModule } from './sandbox.module';

/**
 * How the sandbox runs, shared by main.ts and the tests that boot it in-process. It owns no database
 * and joins no broker.
 */
export const SANDBOX_SERVICE: RunServiceOptions = {
  name: 'partner-sandbox',
  features: [SandboxModule],
  configSchema: sandboxConfigSchema,
  infrastructure: false,
  strictRequests: false,
  // Stripe's SDK sends nested parameters in bracket form in the query too (`expand[0]=…`); bodies are
  // already parsed that way (Nest's urlencoded parser is the extended, qs-based one).
  configure: (app) => (app as NestExpressApplication).set('query parser', 'extended'),
};
