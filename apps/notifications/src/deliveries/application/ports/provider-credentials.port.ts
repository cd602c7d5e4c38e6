import type { ProviderAccounts } from '../../../provider-accounts/domain/provider-account';
import type { ProviderName } from './channel-provider.port';

/**
 * What each provider's adapter needs (provider-accounts/domain: the fields, which are secrets): the
 * club's own account when it set one (kept encrypted at rest), else the platform's from the environment
 * (locally: the partner sandbox's).
 */
export type ProviderCredentials = ProviderAccounts;

export interface ProviderCredentialsPort {
  /**
   * The club's credentials for the provider, or the platform's default. Rejects when neither has an
   * account, or when the club's cannot be decrypted (a key missing from CREDENTIALS_KEYS).
   */
  get<P extends ProviderName>(tenantId: string, provider: P): Promise<ProviderCredentials[P]>;
}

export const PROVIDER_CREDENTIALS = Symbol('PROVIDER_CREDENTIALS');
