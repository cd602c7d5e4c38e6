/**
 * The platform's one retry delay: exponential, capped and jittered. Every place that waits before trying
 * again — vendor calls, the outbox relay, the Kafka and RabbitMQ consumers, reprocessed provider events,
 * device messages — draws its pause here, so the rule is the same everywhere and tested once.
 */
export interface BackoffOptions {
  /** Ceiling of the first retry's delay, in milliseconds; it doubles with each further retry. */
  baseMs: number;
  /** The ceiling never grows past this, in milliseconds. */
  maxMs: number;
  /**
   * Where under the ceiling the delay falls. `full`: anywhere in [0, ceiling] — clients that failed
   * together spread out the most (vendor calls). `equal`: in [ceiling / 2, ceiling] — a retry always
   * pauses at least half the ceiling (our own brokers and database, where a retry at once rarely helps).
   */
  jitter?: 'full' | 'equal';
  /** The jitter draw in [0, 1); tests inject a fixed one. */
  random?: () => number;
}

/**
 * Delay in milliseconds before retry number `retry` (1 = the first retry): drawn under the ceiling
 * min(maxMs, baseMs · 2^(retry − 1)) as `jitter` says (default `full`), rounded to whole milliseconds.
 */
export function backoff(retry: number, options: BackoffOptions): number {
  const { baseMs, maxMs, jitter = 'full', random = Math.random } = options;
  if (!(baseMs >= 0) || !(maxMs >= 0)) {
    throw new RangeError(`backoff needs baseMs and maxMs ≥ 0 ms, got ${baseMs} and ${maxMs}`);
  }
  // The exponent is capped: 2 ** 1024 is Infinity, and 0 * Infinity (a zero base) would be NaN.
  const exponent = Math.min(Math.max(Math.trunc(retry) - 1, 0), 52);
  const ceiling = Math.min(maxMs, baseMs * 2 ** exponent);
  const draw = random();
  return Math.round(jitter === 'equal' ? ceiling / 2 + draw * (ceiling / 2) : draw * ceiling);
}
