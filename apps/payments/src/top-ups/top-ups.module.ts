import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { PaymentsConfig } from '../config/payments.config';
import { SharedModule } from '../shared/shared.module';
import { BookPaymentHandler } from '../wallet/application/book-payment/book-payment.handler';
import { WalletModule } from '../wallet/wallet.module';
import { ChargeTopUpHandler } from './application/charge-top-up/charge-top-up.handler';
import { CreateTopUpHandler } from './application/create-top-up/create-top-up.handler';
import { GetPaymentHandler } from './application/get-payment/get-payment.handler';
import { PAYMENT_GATEWAYS } from './application/ports/payment-gateway.port';
import { PAYMENT_REPOSITORY } from './application/ports/payment.repository.port';
import { PROVIDER_EVENT_REPOSITORY } from './application/ports/provider-event.repository.port';
import { TOP_UP_LIMITS, type TopUpLimits } from './application/ports/top-up-limits.port';
import { WALLET_CREDITS } from './application/ports/wallet-credits.port';
import { ProcessProviderEventHandler } from './application/process-provider-event/process-provider-event.handler';
import { ReceiveProviderEventHandler } from './application/receive-provider-event/receive-provider-event.handler';
import { RecordPaymentHandler } from './application/record-payment/record-payment.handler';
import { SavePaymentMethodHandler } from './application/save-payment-method/save-payment-method.handler';
import { PaymentRepository } from './infrastructure/payment.repository';
import { paymentGateways } from './infrastructure/payment-gateways.registry';
import { ProviderCaller } from './infrastructure/provider.caller';
import { ProviderEventRepository } from './infrastructure/provider-event.repository';
import { PaymentWebhooksHttpController } from './interface/payment-webhooks.http.controller';
import { ProviderEventsPoller } from './interface/provider-events.poller';
import { TopUpsCommandsHandler } from './interface/top-ups.commands.handler';

/** Wallet top-ups through the payment providers, and the providers' webhooks that settle them. */
@Module({
  imports: [SharedModule, WalletModule],
  controllers: [TopUpsCommandsHandler, PaymentWebhooksHttpController],
  providers: [
    ProviderCaller,
    {
      provide: PAYMENT_GATEWAYS,
      useFactory: paymentGateways,
      inject: [SERVICE_CONFIG, ProviderCaller],
    },
    {
      provide: TOP_UP_LIMITS,
      useFactory: (config: PaymentsConfig): TopUpLimits => ({ maximumCentavos: config.MAX_TOP_UP_CENTAVOS }),
      inject: [SERVICE_CONFIG],
    },
    { provide: PAYMENT_REPOSITORY, useClass: PaymentRepository },
    { provide: PROVIDER_EVENT_REPOSITORY, useClass: ProviderEventRepository },
    { provide: WALLET_CREDITS, useExisting: BookPaymentHandler },
    RecordPaymentHandler,
    ChargeTopUpHandler,
    CreateTopUpHandler,
    GetPaymentHandler,
    SavePaymentMethodHandler,
    ReceiveProviderEventHandler,
    ProcessProviderEventHandler,
    ProviderEventsPoller,
  ],
})
export class TopUpsModule {}
