import { randomInt, randomUUID } from 'node:crypto';
import { ResilientCaller, type ResiliencePolicy } from '@sportclub/resilience';
import type {
  OutgoingMessage,
  ProviderName,
} from '../../src/deliveries/application/ports/channel-provider.port';
import type {
  ProviderCredentials,
  ProviderCredentialsPort,
} from '../../src/deliveries/application/ports/provider-credentials.port';
import { MESSAGING_RESILIENCE_POLICY } from '../../src/deliveries/infrastructure/channels/messaging-resilience.policy';

/** Each club's provider accounts, as the credentials store would return them. */
export class ClubCredentials implements ProviderCredentialsPort {
  private readonly clubs: Record<string, Partial<ProviderCredentials>>;

  constructor(clubs: Record<string, Partial<ProviderCredentials>> = {}) {
    this.clubs = { ...clubs };
  }

  /** Adds or replaces one club's account at one provider (accounts known only once a test has begun). */
  set<P extends ProviderName>(tenantId: string, provider: P, credentials: ProviderCredentials[P]): this {
    this.clubs[tenantId] = { ...this.clubs[tenantId], [provider]: credentials };
    return this;
  }

  async get<P extends ProviderName>(tenantId: string, provider: P): Promise<ProviderCredentials[P]> {
    const credentials = this.clubs[tenantId]?.[provider];
    if (!credentials) throw new Error(`no ${provider} credentials for ${tenantId}`);
    return credentials as ProviderCredentials[P];
  }
}

/**
 * A caller with the seed messaging policy whose backoff pauses are recorded instead of slept: the
 * retries and their ceilings are the real policy's, without 7 s of waiting per exhausted send.
 * `overrides` change the policy for one test (e.g. `{ retries: 0 }` when the SDK retries by itself).
 */
export function messagingCaller(overrides: Partial<ResiliencePolicy> = {}): {
  caller: ResilientCaller;
  pauses: number[];
} {
  const pauses: number[] = [];
  const caller = new ResilientCaller({
    ...MESSAGING_RESILIENCE_POLICY,
    ...overrides,
    sleep: async (ms) => void pauses.push(ms),
  });
  return { caller, pauses };
}

/** A member number no other test uses: windows and message histories never leak between tests. */
export const memberNumber = (): string => `+55119${String(randomInt(10_000_000, 99_999_999))}`;

export function outgoing(
  overrides: Partial<OutgoingMessage> & Pick<OutgoingMessage, 'tenantId' | 'to'>,
): OutgoingMessage {
  return {
    deliveryId: randomUUID(),
    attemptId: randomUUID(),
    channel: 'whatsapp',
    title: 'Reserva',
    body: 'Sua reserva da quadra 2 às 19h está confirmada.',
    ...overrides,
  };
}

/** The partner sandbox's admin API, JSON in and out; a non-2xx answer fails the test. */
export async function sandboxCall<T = unknown>(
  sandboxUrl: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${sandboxUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}
