import fc from 'fast-check';
import { DEFAULT_POLICY, backoffDelay, resolvePolicy } from './resilience.policy';

describe('backoffDelay', () => {
  it('doubles per attempt up to maxDelayMs for a fixed jitter draw', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1_000 };
    const delays = [0, 1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, policy, () => 0.5));
    expect(delays).toEqual([50, 100, 200, 400, 500, 500]);
  });

  it('stays a number for huge attempt counts, even with a zero base (fast-check found 0 * 2 ** 1024)', () => {
    expect(backoffDelay(1_024, { baseDelayMs: 0, maxDelayMs: 0 }, () => 0.5)).toBe(0);
    expect(backoffDelay(5_000, { baseDelayMs: 10, maxDelayMs: 100 }, () => 0.5)).toBe(50);
  });

  it('stays within [0, min(maxDelayMs, baseDelayMs * 2^attempt)] and never shrinks as attempts grow', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_100 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 0, max: 600_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, baseDelayMs, maxDelayMs, draw) => {
          const policy = { baseDelayMs, maxDelayMs };
          const delay = backoffDelay(attempt, policy, () => draw);
          const ceiling = baseDelayMs === 0 ? 0 : Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(ceiling);
          expect(backoffDelay(attempt + 1, policy, () => draw)).toBeGreaterThanOrEqual(delay);
        },
      ),
    );
  });
});

describe('resolvePolicy', () => {
  it('fills missing and undefined fields from the defaults', () => {
    expect(resolvePolicy({ retries: 0, timeoutMs: undefined })).toEqual({ ...DEFAULT_POLICY, retries: 0 });
  });

  it.each([{ timeoutMs: 0 }, { retries: -1 }, { retries: 1.5 }, { maxDelayMs: Number.NaN }])(
    'rejects %p',
    (overrides) => {
      expect(() => resolvePolicy(overrides)).toThrow(RangeError);
    },
  );
});
