import { Module } from '@nestjs/common';
import { AesGcmSealer, SERVICE_CONFIG } from '@sportclub/service-kit';
import type { NotificationsConfig } from '../config/notifications.config';
import { DeleteProviderAccountHandler } from './application/delete-provider-account/delete-provider-account.handler';
import { GetOwnAccountHandler } from './application/get-own-account/get-own-account.handler';
import { ListProviderAccountsHandler } from './application/list-provider-accounts/list-provider-accounts.handler';
import { CREDENTIALS_CIPHER } from './application/ports/credentials-cipher.port';
import { PROVIDER_ACCOUNTS_REPOSITORY } from './application/ports/provider-accounts.repository.port';
import { ProviderAccountVault } from './application/provider-account-vault';
import { ResealProviderAccountsHandler } from './application/reseal-provider-accounts/reseal-provider-accounts.handler';
import { SaveProviderAccountHandler } from './application/save-provider-account/save-provider-account.handler';
import { ProviderAccountsRepository } from './infrastructure/provider-accounts.repository';
import { ProviderAccountsCommandsHandler } from './interface/provider-accounts.commands.handler';
import { ProviderAccountsRotation } from './interface/provider-accounts.rotation';

/** Each club's own accounts with the messaging providers, encrypted at rest (decision 0015). */
@Module({
  controllers: [ProviderAccountsCommandsHandler],
  providers: [
    { provide: PROVIDER_ACCOUNTS_REPOSITORY, useClass: ProviderAccountsRepository },
    {
      provide: CREDENTIALS_CIPHER,
      inject: [SERVICE_CONFIG],
      useFactory: (config: NotificationsConfig) =>
        new AesGcmSealer(config.CREDENTIALS_KEYS, 'CREDENTIALS_KEYS'),
    },
    ProviderAccountVault,
    GetOwnAccountHandler,
    SaveProviderAccountHandler,
    ListProviderAccountsHandler,
    DeleteProviderAccountHandler,
    ResealProviderAccountsHandler,
    ProviderAccountsRotation,
  ],
  exports: [GetOwnAccountHandler],
})
export class ProviderAccountsModule {}
