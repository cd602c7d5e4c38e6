// Tracing starts before anything it instruments (http, express, pg) is loaded.
import { startTracing } from '@sportclub/observability';
startTracing('payments');

import { runService, serviceConfigSchema } from '@sportclub/service-kit';
import { WalletModule } from './wallet/wallet.module';
import { CreateWallets1764500000000 } from './wallet/infrastructure/wallet.migration';

void runService({
  name: 'payments',
  features: [WalletModule],
  configSchema: serviceConfigSchema,
  migrations: [CreateWallets1764500000000],
});
