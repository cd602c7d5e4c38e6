// Tracing starts before anything it instruments (http, express, pg) is loaded.
import { startTracing } from '@sportclub/observability';
startTracing('payments');

import { runService } from '@sportclub/service-kit';
import { paymentsConfigSchema } from './config/payments.config';
import { KeepProviderEventBodies1764700000000 } from './top-ups/infrastructure/provider-event-bodies.migration';
import { RecordProviderCalls1765000000000 } from './top-ups/infrastructure/provider-calls.migration';
import { CreateTopUps1764600000000 } from './top-ups/infrastructure/top-ups.migration';
import { TopUpsModule } from './top-ups/top-ups.module';
import { CreateConsumptionSettlements1764800000000 } from './wallet/infrastructure/consumption-settlements.migration';
import { CreateWallets1764500000000 } from './wallet/infrastructure/wallet.migration';
import { WalletModule } from './wallet/wallet.module';

void runService({
  name: 'payments',
  features: [WalletModule, TopUpsModule],
  configSchema: paymentsConfigSchema,
  migrations: [
    CreateWallets1764500000000,
    CreateTopUps1764600000000,
    KeepProviderEventBodies1764700000000,
    CreateConsumptionSettlements1764800000000,
    RecordProviderCalls1765000000000,
  ],
});
