import { randomBytes } from 'node:crypto';
import { AesGcmSealer, type SealingKey, type Transaction } from '@sportclub/service-kit';
import { DeleteProviderAccountHandler } from '../../src/provider-accounts/application/delete-provider-account/delete-provider-account.handler';
import { GetOwnAccountHandler } from '../../src/provider-accounts/application/get-own-account/get-own-account.handler';
import { ListProviderAccountsHandler } from '../../src/provider-accounts/application/list-provider-accounts/list-provider-accounts.handler';
import type { Sealed } from '../../src/provider-accounts/application/ports/credentials-cipher.port';
import type {
  ProviderAccountsRepositoryPort,
  StoredAccount,
} from '../../src/provider-accounts/application/ports/provider-accounts.repository.port';
import { ProviderAccountVault } from '../../src/provider-accounts/application/provider-account-vault';
import { ResealProviderAccountsHandler } from '../../src/provider-accounts/application/reseal-provider-accounts/reseal-provider-accounts.handler';
import { SaveProviderAccountHandler } from '../../src/provider-accounts/application/save-provider-account/save-provider-account.handler';
import type { ProviderName } from '../../src/shared/domain/channels';
import { InMemoryTransactions } from './in-memory-ports';

export const newKey = (id: string): SealingKey => ({ id, key: randomBytes(32) });

/** `provider_account` in memory, with the SQL repository's contract (reseal only over what was read). */
export class InMemoryProviderAccounts implements ProviderAccountsRepositoryPort {
  readonly rows = new Map<string, StoredAccount>();
  finds = 0;
  private key = (t: string, p: ProviderName) => `${t}|${p}`;

  find(_tx: Transaction, tenantId: string, provider: ProviderName) {
    this.finds++;
    return Promise.resolve(this.rows.get(this.key(tenantId, provider)));
  }
  list(_tx: Transaction, tenantId: string) {
    return Promise.resolve(
      [...this.rows.values()]
        .filter((r) => r.tenantId === tenantId)
        .sort((a, b) => a.provider.localeCompare(b.provider)),
    );
  }
  save(_tx: Transaction, tenantId: string, provider: ProviderName, sealed: Sealed, updatedBy: string) {
    const row = { tenantId, provider, sealed, updatedBy, updatedAt: new Date().toISOString() };
    this.rows.set(this.key(tenantId, provider), row);
    return Promise.resolve(row);
  }
  remove(_tx: Transaction, tenantId: string, provider: ProviderName) {
    return Promise.resolve(this.rows.delete(this.key(tenantId, provider)));
  }
  reseal(_tx: Transaction, tenantId: string, provider: ProviderName, previous: Sealed, sealed: Sealed) {
    const row = this.rows.get(this.key(tenantId, provider));
    if (!row || !row.sealed.iv.equals(previous.iv)) return Promise.resolve(false);
    this.rows.set(this.key(tenantId, provider), { ...row, sealed });
    return Promise.resolve(true);
  }
  sealedWithOtherKeys(
    _tx: Transaction,
    keyId: string,
    after: { tenantId: string; provider: ProviderName } | undefined,
    limit: number,
  ) {
    const order = (r: { tenantId: string; provider: string }) => `${r.tenantId}\u0000${r.provider}`;
    return Promise.resolve(
      [...this.rows.values()]
        .filter((r) => r.sealed.keyId !== keyId && (!after || order(r) > order(after)))
        .sort((a, b) => order(a).localeCompare(order(b)))
        .slice(0, limit),
    );
  }
}

/**
 * provider-accounts' use cases over the real AES-256-GCM cipher and an in-memory table. `rotate`
 * restarts them with another key list over the same rows (what a deploy with new CREDENTIALS_KEYS does).
 */
export function providerAccountsKit(keys: SealingKey[], rows = new InMemoryProviderAccounts()) {
  const transactions = new InMemoryTransactions();
  const vault = new ProviderAccountVault(new AesGcmSealer(keys, 'CREDENTIALS_KEYS'));
  const own = new GetOwnAccountHandler(transactions, rows, vault);
  return {
    rows,
    own,
    save: new SaveProviderAccountHandler(rows, vault, own),
    list: new ListProviderAccountsHandler(rows, vault),
    remove: new DeleteProviderAccountHandler(rows, own),
    reseal: new ResealProviderAccountsHandler(transactions, rows, vault),
    rotate: (next: SealingKey[]) => providerAccountsKit(next, rows),
  };
}
