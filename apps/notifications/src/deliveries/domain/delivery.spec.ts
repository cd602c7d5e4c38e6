import fc from 'fast-check';
import { advances, afterRouteFailure, planRoutes, type DeliveryStatus } from './delivery';

const providers = (c: string) =>
  c === 'whatsapp'
    ? (['twilio', 'whatsapp-cloud'] as const)
    : c === 'push'
      ? (['fcm'] as const)
      : (['smtp'] as const);

describe('delivery plan', () => {
  it('expands each channel into its providers, in the member order', () => {
    expect(planRoutes(['whatsapp', 'push', 'email'], providers)).toEqual([
      { channel: 'whatsapp', provider: 'twilio' },
      { channel: 'whatsapp', provider: 'whatsapp-cloud' },
      { channel: 'push', provider: 'fcm' },
      { channel: 'email', provider: 'smtp' },
    ]);
  });

  it('falls back to the next route, skipping the ones asked, and ends after the last', () => {
    const routes = planRoutes(['whatsapp', 'push', 'email'], providers);
    expect(afterRouteFailure({ routes, current: 0 })).toEqual({ next: 1 });
    expect(afterRouteFailure({ routes, current: 0 }, (r) => r.channel === 'whatsapp')).toEqual({ next: 2 });
    expect(afterRouteFailure({ routes, current: 3 })).toEqual({ exhausted: true });
  });

  it('never moves a status backwards, whatever order the callbacks come in', () => {
    const statuses: DeliveryStatus[] = ['sent', 'delivered', 'read'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...statuses), { maxLength: 8 }), (callbacks) => {
        let status: DeliveryStatus = 'pending';
        for (const s of callbacks) if (advances(status, s)) status = s;
        const best = callbacks.reduce(
          (b, s) => (statuses.indexOf(s) > statuses.indexOf(b as never) ? s : b),
          'pending' as DeliveryStatus,
        );
        expect(status).toBe(best);
      }),
    );
    expect(advances('failed', 'delivered')).toBe(false);
  });
});
