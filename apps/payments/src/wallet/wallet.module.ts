import { Module } from '@nestjs/common';
import { Outbox } from '@sportclub/outbox';
import { WalletService } from './application/wallet.service';
import { WalletCommandsHandler } from './interface/wallet.commands.handler';
import { WalletEventsHandler } from './interface/wallet.events.handler';

@Module({
  controllers: [WalletCommandsHandler, WalletEventsHandler],
  providers: [
    { provide: WalletService, useFactory: (outbox: Outbox) => new WalletService(outbox), inject: [Outbox] },
  ],
  exports: [WalletService],
})
export class WalletModule {}
