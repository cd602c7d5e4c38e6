import fc from 'fast-check';
import { chargeFor, reais } from './top-up-amount';

const bounds = (minimumCentavos: number, maximumCentavos = 500_000) => ({ minimumCentavos, maximumCentavos });

describe('chargeFor', () => {
  it("tops a R$ 0,20 shortfall up with the provider's minimum, and refuses R$ 0,20 the member chose", () => {
    expect(chargeFor(20, bounds(50), 'charge-the-minimum', 'stripe')).toEqual({ chargeCentavos: 50 });
    expect(chargeFor(20, bounds(50), 'refuse', 'stripe')).toEqual({
      refused: "R$ 0,20 is below stripe's smallest charge of R$ 0,50",
    });
  });

  it('refuses above the top-up limit, naming it in centavos, whoever asks', () => {
    for (const belowMinimum of ['charge-the-minimum', 'refuse'] as const) {
      expect(chargeFor(10_000_000, bounds(50), belowMinimum, 'stripe')).toEqual({
        refused: '10000000 centavos is above the top-up limit of 500000 centavos',
      });
      expect(chargeFor(500_000, bounds(50), belowMinimum, 'stripe')).toEqual({ chargeCentavos: 500_000 });
    }
  });

  it('never charges less than asked nor less than the minimum nor more than the limit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 10_000, max: 5_000_000 }),
        (asked, min, max) => {
          const raised = chargeFor(asked, bounds(min, max), 'charge-the-minimum', 'p');
          if (asked > max) expect(raised).toEqual({ refused: expect.stringMatching(/top-up limit/) });
          else expect(raised).toEqual({ chargeCentavos: Math.max(asked, min) });
          const exact = chargeFor(asked, bounds(min, max), 'refuse', 'p');
          expect('refused' in exact).toBe(asked < min || asked > max);
          if (!('refused' in exact)) expect(exact.chargeCentavos).toBe(asked);
        },
      ),
    );
  });

  it('writes amounts as a member reads them', () => {
    expect([5, 50, 2_480, 100_000].map(reais)).toEqual(['R$ 0,05', 'R$ 0,50', 'R$ 24,80', 'R$ 1000,00']);
  });
});
