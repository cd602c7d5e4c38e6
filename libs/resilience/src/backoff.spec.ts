import fc from 'fast-check';
import { backoff } from './backoff';

describe('backoff', () => {
  it('doubles per retry up to maxMs for a fixed jitter draw', () => {
    const delays = [1, 2, 3, 4, 5, 6].map((retry) =>
      backoff(retry, { baseMs: 100, maxMs: 1_000, random: () => 0.5 }),
    );
    expect(delays).toEqual([50, 100, 200, 400, 500, 500]);
  });

  it('stays a number for huge retry counts, even with a zero base (fast-check found 0 * 2 ** 1024)', () => {
    expect(backoff(1_025, { baseMs: 0, maxMs: 0, random: () => 0.5 })).toBe(0);
    expect(backoff(5_001, { baseMs: 10, maxMs: 100, random: () => 0.5 })).toBe(50);
  });

  it('with equal jitter pauses between half and all of the ceiling', () => {
    const at = (draw: number) =>
      [1, 2, 3, 4].map((retry) =>
        backoff(retry, { baseMs: 200, maxMs: 1_000, jitter: 'equal', random: () => draw }),
      );
    expect(at(0)).toEqual([100, 200, 400, 500]);
    expect(at(0.999_999)).toEqual([200, 400, 800, 1_000]);
  });

  it('treats a retry number below 1 as the first retry', () => {
    expect(backoff(0, { baseMs: 100, maxMs: 1_000, random: () => 0.5 })).toBe(50);
    expect(backoff(-3, { baseMs: 100, maxMs: 1_000, random: () => 0.5 })).toBe(50);
  });

  it('refuses a negative or missing base or cap instead of returning NaN', () => {
    expect(() => backoff(1, { baseMs: -1, maxMs: 100 })).toThrow(RangeError);
    expect(() => backoff(1, { baseMs: 100, maxMs: Number.NaN })).toThrow(RangeError);
  });

  it('stays within [0, min(maxMs, baseMs * 2^(retry - 1))] and never shrinks as retries grow', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_100 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 0, max: 600_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.constantFrom('full' as const, 'equal' as const),
        (retry, baseMs, maxMs, draw, jitter) => {
          const options = { baseMs, maxMs, jitter, random: () => draw };
          const delay = backoff(retry, options);
          const ceiling = baseMs === 0 ? 0 : Math.min(maxMs, baseMs * 2 ** (retry - 1));
          expect(delay).toBeGreaterThanOrEqual(jitter === 'equal' ? Math.floor(ceiling / 2) : 0);
          expect(delay).toBeLessThanOrEqual(ceiling);
          expect(backoff(retry + 1, options)).toBeGreaterThanOrEqual(delay);
        },
      ),
    );
  });
});
