import type { Transaction } from '@sportclub/service-kit';
import type { ProviderName } from '../../../shared/domain/channels';
import type { Sealed } from './credentials-cipher.port';

/** One club's own account with one provider, as stored: sealed, with who set it and when. */
export interface StoredAccount {
  tenantId: string;
  provider: ProviderName;
  sealed: Sealed;
  updatedBy: string;
  /** ISO-8601 UTC. */
  updatedAt: string;
}

/** Clubs' own provider accounts (`provider_account`), one per club and provider. */
export interface ProviderAccountsRepositoryPort {
  find(tx: Transaction, tenantId: string, provider: ProviderName): Promise<StoredAccount | undefined>;
  /** The club's accounts, by provider name. */
  list(tx: Transaction, tenantId: string): Promise<StoredAccount[]>;
  /** Inserts or replaces the club's account with the provider. */
  save(
    tx: Transaction,
    tenantId: string,
    provider: ProviderName,
    sealed: Sealed,
    updatedBy: string,
  ): Promise<StoredAccount>;
  /** Whether there was one to remove. */
  remove(tx: Transaction, tenantId: string, provider: ProviderName): Promise<boolean>;
  /**
   * Replaces the sealed bytes (a re-encryption under another key) only if the row still holds
   * `previous` — its IV is new on every write, so a change saved meanwhile is never overwritten. Who
   * and when stay: the account did not change.
   */
  reseal(
    tx: Transaction,
    tenantId: string,
    provider: ProviderName,
    previous: Sealed,
    sealed: Sealed,
  ): Promise<boolean>;
  /**
   * Up to `limit` accounts of any club sealed under a key other than `keyId`, in (club, provider)
   * order after `after` (keyset paging: a row that cannot be resealed is not met again).
   */
  sealedWithOtherKeys(
    tx: Transaction,
    keyId: string,
    after: { tenantId: string; provider: ProviderName } | undefined,
    limit: number,
  ): Promise<StoredAccount[]>;
}

export const PROVIDER_ACCOUNTS_REPOSITORY = Symbol('PROVIDER_ACCOUNTS_REPOSITORY');
