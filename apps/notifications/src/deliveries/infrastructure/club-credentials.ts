import { Injectable } from '@nestjs/common';
import { GetOwnAccountHandler } from '../../provider-accounts/application/get-own-account/get-own-account.handler';
import type { ProviderName } from '../../shared/domain/channels';
import type {
  ProviderCredentials,
  ProviderCredentialsPort,
} from '../application/ports/provider-credentials.port';
import { PlatformCredentials } from './platform-credentials';

/**
 * The credentials every adapter and webhook check uses: the club's own account with the provider when
 * its admin set one (decrypted, cached briefly), else the platform's. A club's account that does not
 * decrypt rejects (an outage to the delivery, 404 to a webhook) rather than sending under the platform.
 */
@Injectable()
export class ClubCredentials implements ProviderCredentialsPort {
  constructor(
    private readonly own: GetOwnAccountHandler,
    private readonly platform: PlatformCredentials,
  ) {}

  async get<P extends ProviderName>(tenantId: string, provider: P): Promise<ProviderCredentials[P]> {
    return (await this.own.execute(tenantId, provider)) ?? this.platform.get(tenantId, provider);
  }
}
