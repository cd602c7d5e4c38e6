import fc from 'fast-check';
import { chargeFor, reais } from './minimum-charge';

describe('chargeFor', () => {
  it("tops a R$ 0,20 shortfall up with the provider's minimum, and refuses R$ 0,20 the member chose", () => {
    expect(chargeFor(20, 50, 'charge-the-minimum', 'stripe')).toEqual({ chargeCentavos: 50 });
    expect(chargeFor(20, 50, 'refuse', 'stripe')).toEqual({
      refused: "R$ 0,20 is below stripe's smallest charge of R$ 0,50",
    });
  });

  it('never charges less than asked nor less than the minimum, and changes nothing from the minimum up', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        (asked, min) => {
          const raised = chargeFor(asked, min, 'charge-the-minimum', 'p');
          expect(raised).toEqual({ chargeCentavos: Math.max(asked, min) });
          const exact = chargeFor(asked, min, 'refuse', 'p');
          expect('refused' in exact).toBe(asked < min);
          if (!('refused' in exact)) expect(exact.chargeCentavos).toBe(asked);
        },
      ),
    );
  });

  it('writes amounts as a member reads them', () => {
    expect([5, 50, 2_480, 100_000].map(reais)).toEqual(['R$ 0,05', 'R$ 0,50', 'R$ 24,80', 'R$ 1000,00']);
  });
});
