import fc from 'fast-check';
import {
  advances,
  afterRouteFailure,
  OUTAGE_ROUNDS,
  planRoutes,
  type Delivery,
  type DeliveryStatus,
} from './delivery';

const providers = (c: string) =>
  c === 'whatsapp'
    ? (['twilio', 'whatsapp-cloud'] as const)
    : c === 'push'
      ? (['fcm'] as const)
      : (['smtp'] as const);

const now = new Date('2026-12-02T10:00:00Z');

describe('delivery plan', () => {
  it('expands each channel into its providers, in the member order', () => {
    expect(planRoutes(['whatsapp', 'push', 'email'], providers)).toEqual([
      { channel: 'whatsapp', provider: 'twilio' },
      { channel: 'whatsapp', provider: 'whatsapp-cloud' },
      { channel: 'push', provider: 'fcm' },
      { channel: 'email', provider: 'smtp' },
    ]);
  });

  it('falls back to the next route, passing over channels ruled out for the member', () => {
    const routes = planRoutes(['whatsapp', 'push', 'email'], providers);
    const d = { routes, current: 0, rounds: 0, ruledOut: [] as Delivery['ruledOut'] };
    expect(afterRouteFailure(d, 'down', undefined, now)).toEqual({
      status: 'pending',
      next: 1,
      reason: 'down',
    });
    expect(afterRouteFailure(d, 'refused', 'whatsapp', now)).toEqual({
      status: 'pending',
      next: 2,
      reason: 'refused',
      ruleOut: 'whatsapp',
    });
    expect(afterRouteFailure({ ...d, ruledOut: ['push'] }, 'x', 'whatsapp', now)).toMatchObject({ next: 3 });
    expect(afterRouteFailure({ ...d, current: 2 }, 'x', 'push', now)).toMatchObject({ next: 3 });
  });

  it('past the last route, begins a held round from the first open route; ends when none is open or rounds ran out', () => {
    const routes = planRoutes(['whatsapp', 'push', 'email'], providers);
    const last = { routes, current: 3, rounds: 0, ruledOut: ['whatsapp'] as Delivery['ruledOut'] };
    expect(afterRouteFailure(last, 'smtp down', undefined, now)).toEqual({
      status: 'pending',
      next: 2, // push: WhatsApp failed for the member and is not tried again
      reason: 'smtp down',
      newRound: true,
      heldUntil: new Date(now.getTime() + 60_000),
    });
    expect(afterRouteFailure({ ...last, rounds: 3 }, 'x', undefined, now)).toMatchObject({
      heldUntil: new Date(now.getTime() + 480_000),
    });
    expect(afterRouteFailure({ ...last, rounds: 9 }, 'x', undefined, now)).toMatchObject({
      heldUntil: new Date(now.getTime() + 3_600_000),
    });
    expect(afterRouteFailure({ ...last, rounds: OUTAGE_ROUNDS }, 'x', undefined, now)).toEqual({
      status: 'failed',
      reason: 'x',
    });
    expect(afterRouteFailure({ ...last, ruledOut: ['whatsapp', 'push'] }, 'bounced', 'email', now)).toEqual({
      status: 'failed',
      reason: 'bounced',
      ruleOut: 'email',
    });
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
