/**
 * Exponential backoff with equal jitter for the n-th attempt (1-based): between half and all of
 * min(maxMs, baseMs · 2^(n-1)). Shared by the outbox relay and the consumers' retries. The exponent is
 * capped, because 2 ** 1024 is Infinity and 0 * Infinity (a zero base) would be NaN.
 */
export function retryDelay(attempt: number, baseMs: number, maxMs: number): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 52));
  return Math.round(exp / 2 + Math.random() * (exp / 2));
}
