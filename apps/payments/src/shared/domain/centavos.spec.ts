import { inexactCentavos, isExactCentavos } from './centavos';

describe('exact centavos', () => {
  it('takes whole amounts from 0 up to Number.MAX_SAFE_INTEGER, and nothing JSON.parse had to round', () => {
    expect([0, 1, 500_000, Number.MAX_SAFE_INTEGER].every(isExactCentavos)).toBe(true);
    const rounded = JSON.parse('{"a": 9007199254740993}').a as number; // arrives as ...992
    for (const amount of [rounded, Number.MAX_SAFE_INTEGER + 1, 1e20, -1, 12.5, NaN, Infinity, '100']) {
      expect(isExactCentavos(amount)).toBe(false);
    }
    expect(inexactCentavos('consumptionCentavos', 1e21)).toBe(
      'consumptionCentavos 1e+21 is not an exact number of centavos (0 to 9007199254740991)',
    );
  });
});
