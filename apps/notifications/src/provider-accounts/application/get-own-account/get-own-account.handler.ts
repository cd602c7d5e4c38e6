import { Inject, Injectable, Logger } from '@nestjs/common';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import type { ProviderName } from '../../../shared/domain/channels';
import type { ProviderAccount, ProviderAccounts } from '../../domain/provider-account';
import {
  PROVIDER_ACCOUNTS_REPOSITORY,
  type ProviderAccountsRepositoryPort,
  type StoredAccount,
} from '../ports/provider-accounts.repository.port';
import { ProviderAccountVault } from '../provider-account-vault';

/** How long a decrypted account (or the absence of one) is reused before it is read again. */
export const OWN_ACCOUNT_TTL_MS = 30_000;
/**
 * After a change in this process, the account is read afresh (not cached) for this long: the change is
 * committed by the caller's transaction after `forget`, so a read in between would cache the old one.
 */
const SETTLE_MS = 5_000;
/** Entries kept at most; webhook paths name any club id, and each lookup may leave one. */
const MAX_ENTRIES = 10_000;

/**
 * The club's own account with a provider, decrypted, or undefined when it has none. Kept in memory for
 * OWN_ACCOUNT_TTL_MS and forgotten at once when this process saves or removes it (another replica
 * sees the change within the TTL). An account sealed under an older key is re-sealed under the current
 * one on the way (lazy rotation). Rejects with CredentialsUnreadableError when it does not decrypt —
 * never falls back to the platform's account for a club that set its own.
 */
@Injectable()
export class GetOwnAccountHandler {
  private readonly logger = new Logger('ProviderAccounts');
  private readonly cache = new Map<string, { account: ProviderAccount | undefined; until: number }>();
  private readonly changed = new Map<string, number>();

  constructor(
    @Inject(TRANSACTIONS) private readonly transactions: Transactions,
    @Inject(PROVIDER_ACCOUNTS_REPOSITORY) private readonly accounts: ProviderAccountsRepositoryPort,
    private readonly vault: ProviderAccountVault,
  ) {}

  async execute<P extends ProviderName>(
    tenantId: string,
    provider: P,
  ): Promise<ProviderAccounts[P] | undefined> {
    const key = keyOf(tenantId, provider);
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return fieldsOf<P>(hit.account);

    const stored = await this.transactions.run((tx) => this.accounts.find(tx, tenantId, provider));
    const account = stored && this.vault.open(stored);
    if (stored && account && this.vault.isStale(stored)) await this.reseal(stored, account);
    if (!((this.changed.get(key) ?? 0) > Date.now())) {
      this.changed.delete(key);
      if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, { account, until: Date.now() + OWN_ACCOUNT_TTL_MS });
    }
    return fieldsOf<P>(account);
  }

  /** The account changed (saved or removed): the next read goes to the database. */
  forget(tenantId: string, provider: ProviderName): void {
    const key = keyOf(tenantId, provider);
    this.cache.delete(key);
    this.changed.set(key, Date.now() + SETTLE_MS);
  }

  /** Best effort: a failure leaves the row under its old key, to be re-sealed on a later read or boot. */
  private async reseal(stored: StoredAccount, account: ProviderAccount): Promise<void> {
    try {
      const sealed = this.vault.seal(stored.tenantId, account);
      await this.transactions.run((tx) =>
        this.accounts.reseal(tx, stored.tenantId, stored.provider, stored.sealed, sealed),
      );
    } catch (error) {
      this.logger.warn(
        `could not re-encrypt ${stored.tenantId}'s ${stored.provider} account under key ` +
          `${this.vault.currentKeyId}: ${(error as Error).message}`,
      );
    }
  }
}

const keyOf = (tenantId: string, provider: ProviderName) => `${tenantId}\n${provider}`;

function fieldsOf<P extends ProviderName>(
  account: ProviderAccount | undefined,
): ProviderAccounts[P] | undefined {
  if (!account) return undefined;
  const { provider: _provider, ...fields } = account;
  return fields as unknown as ProviderAccounts[P];
}
