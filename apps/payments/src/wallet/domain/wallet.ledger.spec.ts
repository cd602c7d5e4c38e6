import fc from 'fast-check';
import {
  BalanceOutOfRangeError,
  InsufficientCreditError,
  InvalidAmountError,
  commit,
  consume,
  ledgerAccount,
  release,
  reserve,
  topUp,
  type Movement,
  type WalletBalances,
} from './wallet.ledger';

const member = 'm-1';
type Op =
  | { op: 'top-up'; amount: number }
  | { op: 'reserve'; amount: number }
  | { op: 'commit'; pick: number }
  | { op: 'release'; pick: number }
  | { op: 'consume'; amount: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('top-up' as const), amount: fc.integer({ min: 1, max: 20_000 }) }),
  fc.record({ op: fc.constant('reserve' as const), amount: fc.integer({ min: 1, max: 20_000 }) }),
  fc.record({ op: fc.constant('commit' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('release' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('consume' as const), amount: fc.integer({ min: 1, max: 5_000 }) }),
);

describe('wallet ledger', () => {
  it('keeps every balance equal to the sum of its account, never negative, with every movement summing to zero', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => {
        let balances: WalletBalances = { availableCentavos: 0, reservedCentavos: 0 };
        const open: number[] = [];
        const postings: Movement['postings'] = [];
        for (const o of ops) {
          let m: Movement | undefined;
          try {
            if (o.op === 'top-up') m = topUp(balances, member, o.amount, 'stripe');
            else if (o.op === 'consume') m = consume(balances, member, o.amount);
            else if (o.op === 'reserve') {
              m = reserve(balances, member, o.amount);
              open.push(o.amount);
            } else if (open.length > 0) {
              const [amount] = open.splice(o.pick % open.length, 1);
              m = (o.op === 'commit' ? commit : release)(balances, member, amount);
            }
          } catch (error) {
            expect(error).toBeInstanceOf(InsufficientCreditError);
            expect((error as InsufficientCreditError).shortfallCentavos).toBeGreaterThan(0);
          }
          if (!m) continue;
          expect(m.postings.reduce((s, p) => s + p.amountCentavos, 0)).toBe(0);
          postings.push(...m.postings);
          balances = m.balances;
          expect(balances.availableCentavos).toBeGreaterThanOrEqual(0);
          expect(balances.reservedCentavos).toBeGreaterThanOrEqual(0);
        }
        const sum = (account: string) =>
          postings.filter((p) => p.account === account).reduce((s, p) => s + p.amountCentavos, 0);
        expect(sum(ledgerAccount.available(member))).toBe(balances.availableCentavos);
        expect(sum(ledgerAccount.reserved(member))).toBe(balances.reservedCentavos);
        expect(balances.reservedCentavos).toBe(open.reduce((s, a) => s + a, 0));
        // Money is conserved: what came in is on the wallet or became revenue.
        expect(0 - sum(ledgerAccount.external('stripe'))).toEqual(
          balances.availableCentavos + balances.reservedCentavos + sum(ledgerAccount.revenue),
        );
      }),
    );
  });

  it('reports the shortfall and rejects amounts that are not positive whole centavos', () => {
    expect(() => reserve({ availableCentavos: 1_000, reservedCentavos: 0 }, member, 2_500)).toThrow(
      expect.objectContaining({ shortfallCentavos: 1_500 }),
    );
    for (const bad of [0, -5, 12.5, Number.NaN]) {
      expect(() => topUp({ availableCentavos: 0, reservedCentavos: 0 }, member, bad, 'stripe')).toThrow(
        InvalidAmountError,
      );
    }
  });

  it('refuses amounts beyond exact centavos, and any movement that would take the wallet beyond them', () => {
    const empty = { availableCentavos: 0, reservedCentavos: 0 };
    for (const inexact of [Number.MAX_SAFE_INTEGER + 1, 1e20]) {
      expect(() => topUp(empty, member, inexact, 'stripe')).toThrow(InvalidAmountError);
      expect(() => consume(empty, member, inexact)).toThrow(InvalidAmountError);
    }
    const nearlyFull = { availableCentavos: Number.MAX_SAFE_INTEGER - 10, reservedCentavos: 5 };
    expect(() => topUp(nearlyFull, member, 6, 'stripe')).toThrow(BalanceOutOfRangeError);
    expect(topUp(nearlyFull, member, 5, 'stripe').balances.availableCentavos).toBe(
      Number.MAX_SAFE_INTEGER - 5,
    );
    expect(release(nearlyFull, member, 5).balances).toEqual({
      availableCentavos: Number.MAX_SAFE_INTEGER - 5,
      reservedCentavos: 0,
    });
  });
});
