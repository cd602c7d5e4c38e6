export interface ResiliencePolicy {
  /** Deadline of one attempt; the attempt's AbortSignal fires when it passes. */
  timeoutMs: number;
  /** Extra attempts after the first, for retriable errors only. */
  retries: number;
  /** Backoff between attempts (`backoff`, full jitter): the first retry's ceiling, in ms. */
  baseDelayMs: number;
  /** The largest backoff ceiling, in ms. */
  maxDelayMs: number;
  /** Failure percentage within the rolling window that opens a breaker. */
  errorThresholdPercentage: number;
  /** Calls a breaker must see in the window before it may open. */
  volumeThreshold: number;
  /** How long a breaker stays open before letting one trial call through (half-open). */
  resetTimeoutMs: number;
  rollingCountTimeoutMs: number;
}

export const DEFAULT_POLICY: Readonly<ResiliencePolicy> = Object.freeze({
  timeoutMs: 10_000,
  retries: 2,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  errorThresholdPercentage: 50,
  volumeThreshold: 10,
  resetTimeoutMs: 30_000,
  rollingCountTimeoutMs: 30_000,
});

/** Fills unset (or undefined) fields from the defaults and rejects values that would silently misbehave. */
export function resolvePolicy(overrides: Partial<ResiliencePolicy> = {}): ResiliencePolicy {
  const policy = { ...DEFAULT_POLICY };
  for (const field of Object.keys(DEFAULT_POLICY) as (keyof ResiliencePolicy)[]) {
    const value = overrides[field] ?? DEFAULT_POLICY[field];
    const positive = field === 'timeoutMs' || field === 'rollingCountTimeoutMs';
    if (!Number.isFinite(value) || value < 0 || (positive && value === 0)) {
      throw new RangeError(`Invalid resilience policy: ${field}=${value}`);
    }
    if ((field === 'retries' || field === 'volumeThreshold') && !Number.isInteger(value)) {
      throw new RangeError(`Invalid resilience policy: ${field}=${value} is not an integer`);
    }
    policy[field] = value;
  }
  return policy;
}
