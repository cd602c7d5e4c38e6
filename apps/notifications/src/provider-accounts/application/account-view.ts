import type { ProviderName } from '../../shared/domain/channels';
import { shownSettings, type ProviderAccount } from '../domain/provider-account';
import type { StoredAccount } from './ports/provider-accounts.repository.port';

/** A club's own account as its admin sees it: never a secret. */
export interface AccountView {
  provider: ProviderName;
  /** The settings that are not secrets; absent when the account does not decrypt. */
  settings?: Record<string, unknown>;
  /** Why it does not decrypt. */
  unreadable?: string;
  updatedBy: string;
  updatedAt: string;
}

export const viewOf = (stored: StoredAccount, account: ProviderAccount): AccountView => ({
  provider: stored.provider,
  settings: shownSettings(account),
  updatedBy: stored.updatedBy,
  updatedAt: stored.updatedAt,
});
