import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ResealProviderAccountsHandler } from '../application/reseal-provider-accounts/reseal-provider-accounts.handler';

/**
 * Finishes a key rotation at boot: accounts still sealed under an older key are re-encrypted under the
 * first of CREDENTIALS_KEYS, in the background (readiness does not wait). Accounts under a key no longer
 * listed are reported, not dropped: their club's admin sets them again, or the key comes back.
 */
@Injectable()
export class ProviderAccountsRotation implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ProviderAccounts');
  private running?: Promise<void>;

  constructor(private readonly reseal: ResealProviderAccountsHandler) {}

  onApplicationBootstrap(): void {
    this.running = this.reseal.execute().then(
      ({ resealed, unreadable }) => {
        if (resealed > 0) this.logger.log(`re-encrypted ${resealed} provider accounts under the current key`);
        for (const u of unreadable) {
          this.logger.error(
            `${u.tenantId}'s ${u.provider} account does not decrypt (key "${u.keyId}"): ${u.reason}`,
          );
        }
      },
      (error: unknown) =>
        this.logger.warn(
          `re-encrypting provider accounts failed, retried at the next boot: ${String(error)}`,
        ),
    );
  }

  /** The pass finishes (its batches are short) before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.running;
  }
}
