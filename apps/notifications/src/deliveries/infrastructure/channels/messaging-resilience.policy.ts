import type { ResiliencePolicy } from '@sportclub/resilience';

/**
 * The seed policy for every messaging provider's sends (Twilio, WhatsApp Cloud API, FCM, SMTP), for
 * the ResilientCaller the adapters are given: 10 s per attempt, three retries of retriable errors with
 * full-jitter backoff under 1 s, 2 s and 4 s, and a breaker per provider and tenant that opens once 5
 * calls in a 30 s window have mostly failed (opossum counts a failure percentage over a minimum volume,
 * not a bare count) and tries again after 30 s.
 *
 * The caller does not read `Retry-After`: a 429 is retried on this backoff like a 5xx.
 */
export const MESSAGING_RESILIENCE_POLICY: Readonly<ResiliencePolicy> = Object.freeze({
  timeoutMs: 10_000,
  retries: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 4_000,
  errorThresholdPercentage: 50,
  volumeThreshold: 5,
  resetTimeoutMs: 30_000,
  rollingCountTimeoutMs: 30_000,
});
