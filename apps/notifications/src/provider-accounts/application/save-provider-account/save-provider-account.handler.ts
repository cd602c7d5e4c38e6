import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import { checkAccount, type ProviderAccount } from '../../domain/provider-account';
import { viewOf, type AccountView } from '../account-view';
import { GetOwnAccountHandler } from '../get-own-account/get-own-account.handler';
import {
  PROVIDER_ACCOUNTS_REPOSITORY,
  type ProviderAccountsRepositoryPort,
} from '../ports/provider-accounts.repository.port';
import { ProviderAccountVault } from '../provider-account-vault';

/**
 * Sets the club's own account with a provider (replacing any earlier one), sealed under the current
 * key; used instead of the platform's from the next message on (and for that provider's webhooks).
 * InvalidProviderAccountError names a field the shape check could not judge (an FCM key that does not
 * parse); nothing is saved then. Answers the account without its secrets.
 */
@Injectable()
export class SaveProviderAccountHandler {
  constructor(
    @Inject(PROVIDER_ACCOUNTS_REPOSITORY) private readonly accounts: ProviderAccountsRepositoryPort,
    private readonly vault: ProviderAccountVault,
    private readonly own: GetOwnAccountHandler,
  ) {}

  async execute(
    tx: Transaction,
    tenantId: string,
    account: ProviderAccount,
    savedBy: string,
  ): Promise<AccountView> {
    checkAccount(account);
    const stored = await this.accounts.save(
      tx,
      tenantId,
      account.provider,
      this.vault.seal(tenantId, account),
      savedBy,
    );
    this.own.forget(tenantId, account.provider);
    return viewOf(stored, account);
  }
}
