import fc from 'fast-check';
import { ProviderAmountError, transition, type PaymentState, type PaymentStatus } from './payment-status';

const state = (status: PaymentStatus, refundedCentavos = 0): PaymentState => ({ status, refundedCentavos });
/** The payment's amount: no refund takes back more. */
const AMOUNT = 1_000;

describe('payment transition', () => {
  it('credits a pending payment once when the provider reports it paid', () => {
    expect(transition(state('pending'), state('succeeded'), AMOUNT)).toMatchObject({
      credit: true,
      fail: false,
    });
    expect(transition(state('succeeded'), state('succeeded'), AMOUNT)).toMatchObject({
      credit: false,
      refundCentavos: 0,
    });
  });

  it('fails only a pending payment, and a late success after a failure still credits', () => {
    expect(transition(state('pending'), state('failed'), AMOUNT)).toMatchObject({
      fail: true,
      next: state('failed'),
    });
    expect(transition(state('succeeded'), state('failed'), AMOUNT)).toMatchObject({
      fail: false,
      credit: false,
    });
    expect(transition(state('failed'), state('succeeded'), AMOUNT)).toMatchObject({ credit: true });
  });

  it('a refund seen before the success credits and takes back, once', () => {
    const t = transition(state('pending'), state('refunded', 700), AMOUNT);
    expect(t).toMatchObject({ credit: true, refundCentavos: 700, next: state('refunded', 700) });
    expect(transition(t.next, state('refunded', 700), AMOUNT)).toMatchObject({
      credit: false,
      refundCentavos: 0,
    });
    expect(transition(t.next, state('refunded', 1000), AMOUNT)).toMatchObject({ refundCentavos: 300 });
  });

  it('whatever order and repetition the observations come in, credit and refunds add up to the last state', () => {
    const observation = fc.oneof(
      fc.constant(state('pending')),
      fc.constant(state('failed')),
      fc.constant(state('succeeded')),
      fc.integer({ min: 1, max: 1000 }).map((r) => state('refunded', r)),
    );
    fc.assert(
      fc.property(fc.array(observation, { maxLength: 20 }), (observations) => {
        let current = state('pending');
        let credits = 0;
        let refunded = 0;
        for (const o of observations) {
          const t = transition(current, o, AMOUNT);
          credits += t.credit ? 1 : 0;
          refunded += t.refundCentavos;
          current = t.next;
        }
        const everPaid = observations.some((o) => o.status === 'succeeded' || o.status === 'refunded');
        expect(credits).toBe(everPaid ? 1 : 0);
        expect(refunded).toBe(Math.max(0, ...observations.map((o) => o.refundedCentavos)));
        expect(current.refundedCentavos).toBe(refunded);
      }),
    );
  });

  it('never takes back more than the payment charged, and refuses a refund that is no amount', () => {
    const t = transition(state('succeeded'), state('refunded', 1e20), AMOUNT);
    expect(t).toMatchObject({ refundCentavos: AMOUNT, next: state('refunded', AMOUNT) });
    expect(transition(t.next, state('refunded', Number.MAX_SAFE_INTEGER + 2), AMOUNT)).toMatchObject({
      refundCentavos: 0,
    });
    for (const bad of [Number.NaN, 12.5, -1, Infinity]) {
      expect(() => transition(state('succeeded'), state('refunded', bad), AMOUNT)).toThrow(
        ProviderAmountError,
      );
    }
  });
});
