import { Inject, Injectable } from '@nestjs/common';
import { accountBinding, type ProviderAccount } from '../domain/provider-account';
import {
  CREDENTIALS_CIPHER,
  CredentialsUnreadableError,
  type CredentialsCipherPort,
  type Sealed,
} from './ports/credentials-cipher.port';
import type { StoredAccount } from './ports/provider-accounts.repository.port';

/**
 * Seals a club's account (JSON) bound to the club and provider, and opens a stored one. The one place
 * that knows what an account's plaintext is; the handlers only ever see accounts or sealed bytes.
 */
@Injectable()
export class ProviderAccountVault {
  constructor(@Inject(CREDENTIALS_CIPHER) private readonly cipher: CredentialsCipherPort) {}

  seal(tenantId: string, account: ProviderAccount): Sealed {
    return this.cipher.seal(
      Buffer.from(JSON.stringify(account), 'utf8'),
      accountBinding(tenantId, account.provider),
    );
  }

  /** The account; CredentialsUnreadableError when it does not open here. */
  open(stored: StoredAccount): ProviderAccount {
    const plain = this.cipher.open(stored.sealed, accountBinding(stored.tenantId, stored.provider));
    const account = JSON.parse(plain.toString('utf8')) as ProviderAccount;
    if (account.provider !== stored.provider) {
      throw new CredentialsUnreadableError(`holds a ${account.provider} account, not ${stored.provider}`);
    }
    return account;
  }

  /** Sealed under a key other than the one new seals use: due for re-encryption. */
  isStale(stored: StoredAccount): boolean {
    return stored.sealed.keyId !== this.cipher.currentKeyId;
  }

  get currentKeyId(): string {
    return this.cipher.currentKeyId;
  }
}
