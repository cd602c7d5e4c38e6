import { FaultsService, QuotaExceededFault, TooManyRequestsFault } from './faults.service';

describe('FaultsService', () => {
  it('meets only the next `calls` calls, then switches the vendor back to healthy', async () => {
    const faults = new FaultsService();
    faults.set('google-calendar', { tooManyRequests: true, retryAfterSeconds: 7, calls: 2 });
    await expect(faults.apply('google-calendar')).rejects.toBeInstanceOf(TooManyRequestsFault);
    await expect(faults.apply('google-calendar')).rejects.toMatchObject({ retryAfterSeconds: 7 });
    await expect(faults.apply('google-calendar')).resolves.toBeUndefined();
    expect(faults.get('google-calendar')).toMatchObject({ tooManyRequests: false, calls: null });
  });

  it("refuses with Google's 403 quota reason, which carries no Retry-After", async () => {
    const faults = new FaultsService();
    faults.set('google-calendar', { quotaExceeded: 'userRateLimitExceeded' });
    const refusal = await faults.apply('google-calendar').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(QuotaExceededFault);
    expect(refusal).toMatchObject({ reason: 'userRateLimitExceeded' });
    expect((refusal as QuotaExceededFault).getStatus()).toBe(403);
  });

  it('keeps a fault without `calls` on until it is cleared', async () => {
    const faults = new FaultsService();
    faults.set('stripe', { down: true });
    for (let i = 0; i < 3; i++) await expect(faults.apply('stripe')).rejects.toThrow(/unavailable/);
    faults.clear();
    await expect(faults.apply('stripe')).resolves.toBeUndefined();
  });
});
