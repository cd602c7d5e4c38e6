import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import { viewOf, type AccountView } from '../account-view';
import { CredentialsUnreadableError } from '../ports/credentials-cipher.port';
import {
  PROVIDER_ACCOUNTS_REPOSITORY,
  type ProviderAccountsRepositoryPort,
} from '../ports/provider-accounts.repository.port';
import { ProviderAccountVault } from '../provider-account-vault';

/**
 * The providers the club has its own account with, each without its secrets. One that does not decrypt
 * here (its key was dropped from CREDENTIALS_KEYS) is listed with why, so the admin can set it again.
 */
@Injectable()
export class ListProviderAccountsHandler {
  constructor(
    @Inject(PROVIDER_ACCOUNTS_REPOSITORY) private readonly accounts: ProviderAccountsRepositoryPort,
    private readonly vault: ProviderAccountVault,
  ) {}

  async execute(tx: Transaction, tenantId: string): Promise<AccountView[]> {
    const stored = await this.accounts.list(tx, tenantId);
    return stored.map((s) => {
      try {
        return viewOf(s, this.vault.open(s));
      } catch (error) {
        if (!(error instanceof CredentialsUnreadableError)) throw error;
        return {
          provider: s.provider,
          unreadable: error.reason,
          updatedBy: s.updatedBy,
          updatedAt: s.updatedAt,
        };
      }
    });
  }
}
