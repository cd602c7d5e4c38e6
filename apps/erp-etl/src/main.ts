// Tracing starts before anything it instruments (http, express, pg) is loaded.
import { startTracing } from '@sportclub/observability';
startTracing('erp-etl');

import { runService } from '@sportclub/service-kit';
import { erpEtlConfigSchema } from './config/erp-etl.config';
import { LandingModule } from './landing/landing.module';
import { MongoConnectionModule } from './shared/infrastructure/mongo-connection.module';

// No routes yet: the landing zone's connection, indexes and readiness come first (the ERP webhook
// controller is built on them).
void runService({
  name: 'erp-etl',
  features: [MongoConnectionModule, LandingModule],
  configSchema: erpEtlConfigSchema,
  migrations: [],
});
