import type { ProviderName } from '../../../shared/domain/channels';

/**
 * The send rate per club and provider, shared by every replica: `acquire` resolves when one more send
 * fits in the club's rate for the provider (waiting as long as needed, never failing a send for it).
 */
export interface SendRatePort {
  acquire(tenantId: string, provider: ProviderName): Promise<void>;
}

export const SEND_RATE = Symbol('SEND_RATE');
