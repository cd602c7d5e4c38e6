import { DEFAULT_POLICY, resolvePolicy } from './resilience.policy';

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
