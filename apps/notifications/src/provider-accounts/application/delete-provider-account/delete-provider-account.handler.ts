import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import type { ProviderName } from '../../../shared/domain/channels';
import { GetOwnAccountHandler } from '../get-own-account/get-own-account.handler';
import {
  PROVIDER_ACCOUNTS_REPOSITORY,
  type ProviderAccountsRepositoryPort,
} from '../ports/provider-accounts.repository.port';

/** Removes the club's own account with a provider: the platform's is used again. False when it had none. */
@Injectable()
export class DeleteProviderAccountHandler {
  constructor(
    @Inject(PROVIDER_ACCOUNTS_REPOSITORY) private readonly accounts: ProviderAccountsRepositoryPort,
    private readonly own: GetOwnAccountHandler,
  ) {}

  async execute(tx: Transaction, tenantId: string, provider: ProviderName): Promise<boolean> {
    const removed = await this.accounts.remove(tx, tenantId, provider);
    this.own.forget(tenantId, provider);
    return removed;
  }
}
