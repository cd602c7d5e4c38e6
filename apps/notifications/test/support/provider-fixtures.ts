import { ResilientCaller } from '@sportclub/resilience';
import type { ProviderName } from '../../src/deliveries/application/ports/channel-provider.port';
import type {
  ProviderCredentials,
  ProviderCredentialsPort,
} from '../../src/deliveries/application/ports/provider-credentials.port';

/** Each tenant's provider accounts, as the credentials port hands them to the adapters. */
export class TenantCredentials implements ProviderCredentialsPort {
  private readonly accounts = new Map<string, Partial<ProviderCredentials>>();

  set<P extends ProviderName>(tenantId: string, provider: P, credentials: ProviderCredentials[P]): this {
    this.accounts.set(tenantId, { ...this.accounts.get(tenantId), [provider]: credentials });
    return this;
  }

  get<P extends ProviderName>(tenantId: string, provider: P): Promise<ProviderCredentials[P]> {
    const credentials = this.accounts.get(tenantId)?.[provider];
    if (!credentials) return Promise.reject(new Error(`no ${provider} credentials for ${tenantId}`));
    return Promise.resolve(credentials as ProviderCredentials[P]);
  }
}

/**
 * The channel providers' resilience policy (10 s per attempt, 3 retries backing off 1/2/4 s, a breaker
 * per provider and tenant opening on 5 failed calls in 30 s), with the backoff pauses recorded instead
 * of waited: a test sees how many retries a send took without sitting through them.
 */
export function recordingCaller(overrides: { retries?: number } = {}): {
  caller: ResilientCaller;
  pauses: number[];
} {
  const pauses: number[] = [];
  const caller = new ResilientCaller({
    timeoutMs: 10_000,
    retries: 3,
    baseDelayMs: 1_000,
    maxDelayMs: 4_000,
    volumeThreshold: 5,
    errorThresholdPercentage: 50,
    resetTimeoutMs: 30_000,
    rollingCountTimeoutMs: 30_000,
    sleep: async (ms) => void pauses.push(ms),
    ...overrides,
  });
  return { caller, pauses };
}
