import { Module } from '@nestjs/common';
import { Outbox } from '@sportclub/outbox';
import { WalletService } from './application/wallet.service';
import { WalletCommandsHandler } from './interface/wallet.commands.handler';

@Module({
  controllers: [WalletCommandsHandler],
  providers: [
    { provide: WalletService, useFactory: (outbox: Outbox) => new WalletService(outbox), inject: [Outbox] },
  ],
  exports: [WalletService],
})
export class WalletModule {}
