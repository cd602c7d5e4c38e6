import { Module } from '@nestjs/common';
import { SharedModule } from '../shared/shared.module';
import { BookPaymentHandler } from './application/book-payment/book-payment.handler';
import { CommitCreditHandler } from './application/commit-credit/commit-credit.handler';
import { GetWalletHandler } from './application/get-wallet/get-wallet.handler';
import { WALLET_REPOSITORY } from './application/ports/wallet.repository.port';
import { ReleaseCreditHandler } from './application/release-credit/release-credit.handler';
import { ReserveCreditHandler } from './application/reserve-credit/reserve-credit.handler';
import { SettleConsumptionHandler } from './application/settle-consumption/settle-consumption.handler';
import { WalletRepository } from './infrastructure/wallet.repository';
import { WalletCommandsHandler } from './interface/wallet.commands.handler';
import { WalletEventsHandler } from './interface/wallet.events.handler';

/** Members' credit: reservations for check-ins, consumption, and the booking of top-ups and refunds. */
@Module({
  imports: [SharedModule],
  controllers: [WalletCommandsHandler, WalletEventsHandler],
  providers: [
    { provide: WALLET_REPOSITORY, useClass: WalletRepository },
    ReserveCreditHandler,
    CommitCreditHandler,
    ReleaseCreditHandler,
    GetWalletHandler,
    SettleConsumptionHandler,
    BookPaymentHandler,
  ],
  // Top-ups book their payments here (through their WalletCredits port).
  exports: [BookPaymentHandler],
})
export class WalletModule {}
