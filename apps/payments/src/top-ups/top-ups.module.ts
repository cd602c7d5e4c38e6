import { Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Outbox } from '@sportclub/outbox';
import { ResilientCaller } from '@sportclub/resilience';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { PaymentsConfig } from '../config/payments.config';
import { WalletService } from '../wallet/application/wallet.service';
import { WalletModule } from '../wallet/wallet.module';
import type { PaymentGateway, Provider } from './application/payment-gateway.port';
import { ProviderEventProcessor } from './application/provider-event.processor';
import { TopUpService, type Gateways } from './application/top-up.service';
import { MercadoPagoGateway } from './infrastructure/mercadopago.gateway';
import { PagSeguroGateway } from './infrastructure/pagseguro.gateway';
import { StripeGateway } from './infrastructure/stripe.gateway';
import { PaymentWebhooksHttpController } from './interface/payment-webhooks.http.controller';
import { TopUpsCommandsHandler } from './interface/top-ups.commands.handler';

/** One caller (timeouts, retries, a breaker per provider and tenant) for every payment provider. */
@Injectable()
class ProviderCaller extends ResilientCaller implements OnApplicationShutdown {
  constructor() {
    super({ timeoutMs: 10_000, retries: 2, baseDelayMs: 200 });
  }
  onApplicationShutdown(): void {
    this.shutdown();
  }
}

function gateways(config: PaymentsConfig, caller: ResilientCaller): Gateways {
  const webhook = (path: string) =>
    config.PUBLIC_WEBHOOK_BASE_URL && `${config.PUBLIC_WEBHOOK_BASE_URL}/webhooks/${path}`;
  const all = new Map<Provider, PaymentGateway>([
    [
      'stripe',
      new StripeGateway({ secretKey: config.STRIPE_SECRET_KEY, apiUrl: config.STRIPE_API_URL }, caller),
    ],
    [
      'mercadopago',
      new MercadoPagoGateway(
        {
          accessToken: config.MERCADOPAGO_ACCESS_TOKEN,
          apiUrl: config.MERCADOPAGO_API_URL,
          notificationUrl: webhook('mercadopago'),
        },
        caller,
      ),
    ],
    [
      'pagseguro',
      new PagSeguroGateway(
        {
          token: config.PAGSEGURO_TOKEN,
          apiUrl: config.PAGSEGURO_API_URL,
          notificationUrl: webhook('pagseguro'),
        },
        caller,
      ),
    ],
  ]);
  return {
    cardProvider: (tenantId) => config.CARD_PROVIDER_BY_TENANT.get(tenantId) ?? config.CARD_PROVIDER,
    pixProvider: 'mercadopago',
    get: (provider) => all.get(provider)!,
  };
}

@Module({
  imports: [WalletModule],
  controllers: [TopUpsCommandsHandler, PaymentWebhooksHttpController],
  providers: [
    ProviderCaller,
    ProviderEventProcessor,
    {
      provide: TopUpService,
      useFactory: (outbox: Outbox, wallets: WalletService, config: PaymentsConfig, caller: ProviderCaller) =>
        new TopUpService(outbox, wallets, gateways(config, caller)),
      inject: [Outbox, WalletService, SERVICE_CONFIG, ProviderCaller],
    },
  ],
})
export class TopUpsModule {}
