import type { CallKey, ResilientCaller } from '@sportclub/resilience';
import {
  MessageRefusedError,
  RecipientUnreachableError,
} from '../../application/ports/channel-provider.port';

/**
 * A provider failure that is neither the recipient's nor the message's: an outage, in the port's terms.
 * `status` is what the resilience layer judges it by — HTTP 408, 429 and 5xx are retried and count
 * against the breaker, other 4xx neither — so it is the provider's HTTP status, or for a provider that
 * does not speak HTTP (SMTP) the HTTP status of the same meaning. Network failures keep their code in
 * the `cause` chain, where the resilience layer also looks.
 */
export class ProviderOutageError extends Error {
  override name = 'ProviderOutageError';
  constructor(
    message: string,
    readonly status: number | undefined,
    cause: unknown,
  ) {
    super(message, { cause });
  }
}

type Verdict = RecipientUnreachableError | MessageRefusedError | ProviderOutageError;

/**
 * One send through the resilience layer (timeout, retries, the provider+tenant breaker). `classify`
 * turns what the SDK threw into the port's errors. A definite answer about the recipient or the message
 * leaves the breaker as a success — the provider answered, and a dead token says nothing about its
 * health — and is thrown once outside, never retried; an outage is thrown inside, for the caller to
 * retry if transient and to count.
 */
export async function callProvider<T>(
  caller: ResilientCaller,
  key: CallKey,
  send: () => Promise<T>,
  classify: (error: unknown) => Verdict,
): Promise<T> {
  const outcome = await caller.call(key, async () => {
    try {
      return { sent: await send() };
    } catch (error) {
      const verdict = classify(error);
      if (verdict instanceof ProviderOutageError) throw verdict;
      return { refused: verdict };
    }
  });
  if ('refused' in outcome) throw outcome.refused;
  return outcome.sent;
}
