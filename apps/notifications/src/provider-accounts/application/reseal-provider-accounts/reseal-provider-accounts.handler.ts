import { Inject, Injectable } from '@nestjs/common';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import type { ProviderName } from '../../../shared/domain/channels';
import { CredentialsUnreadableError } from '../ports/credentials-cipher.port';
import {
  PROVIDER_ACCOUNTS_REPOSITORY,
  type ProviderAccountsRepositoryPort,
} from '../ports/provider-accounts.repository.port';
import { ProviderAccountVault } from '../provider-account-vault';

const BATCH = 100;

export interface ResealOutcome {
  /** Now sealed under the current key. */
  resealed: number;
  /** Sealed under a key this service does not hold (or altered): left as they are. */
  unreadable: { tenantId: string; provider: ProviderName; keyId: string; reason: string }[];
}

/**
 * Re-encrypts every club's account still sealed under an older key with the current one (the first of
 * CREDENTIALS_KEYS), a batch per transaction. Safe to run from several replicas at once: a row is only
 * replaced while it holds what was read. When it reports nothing resealed and nothing unreadable, the
 * older keys can leave CREDENTIALS_KEYS.
 */
@Injectable()
export class ResealProviderAccountsHandler {
  constructor(
    @Inject(TRANSACTIONS) private readonly transactions: Transactions,
    @Inject(PROVIDER_ACCOUNTS_REPOSITORY) private readonly accounts: ProviderAccountsRepositoryPort,
    private readonly vault: ProviderAccountVault,
  ) {}

  async execute(): Promise<ResealOutcome> {
    const outcome: ResealOutcome = { resealed: 0, unreadable: [] };
    let after: { tenantId: string; provider: ProviderName } | undefined;
    for (;;) {
      const batch = await this.transactions.run(async (tx) => {
        const rows = await this.accounts.sealedWithOtherKeys(tx, this.vault.currentKeyId, after, BATCH);
        for (const row of rows) {
          let sealed;
          try {
            sealed = this.vault.seal(row.tenantId, this.vault.open(row));
          } catch (error) {
            if (!(error instanceof CredentialsUnreadableError)) throw error;
            const { tenantId, provider } = row;
            outcome.unreadable.push({ tenantId, provider, keyId: row.sealed.keyId, reason: error.reason });
            continue;
          }
          if (await this.accounts.reseal(tx, row.tenantId, row.provider, row.sealed, sealed)) {
            outcome.resealed++;
          }
        }
        return rows;
      });
      if (batch.length < BATCH) return outcome;
      const last = batch[batch.length - 1];
      after = { tenantId: last.tenantId, provider: last.provider };
    }
  }
}
