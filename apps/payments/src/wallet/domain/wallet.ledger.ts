/**
 * A member's wallet as double-entry bookkeeping in integer centavos. Every movement is a set of postings
 * that sum to zero across accounts: money enters from an external payment account, moves between the
 * member's available and reserved accounts, and leaves to the club's revenue (or back out on a
 * refund). The wallet's balances are a cache of its two accounts; they never go below zero.
 */
export interface WalletBalances {
  availableCentavos: number;
  reservedCentavos: number;
}

export interface Posting {
  account: string;
  amountCentavos: number;
}

export interface Movement {
  kind: 'top-up' | 'reserve' | 'commit' | 'release' | 'refund' | 'consumption';
  balances: WalletBalances;
  postings: Posting[];
}

export const ledgerAccount = {
  available: (memberId: string) => `member:${memberId}:available`,
  reserved: (memberId: string) => `member:${memberId}:reserved`,
  revenue: 'club:revenue',
  external: (provider: string) => `external:${provider}`,
};

export class InsufficientCreditError extends Error {
  constructor(readonly shortfallCentavos: number) {
    super(`insufficient credit: ${shortfallCentavos} centavos short`);
    this.name = 'InsufficientCreditError';
  }
}

export class InvalidAmountError extends Error {
  constructor(amount: number) {
    super(`amount must be a positive integer number of centavos, got ${amount}`);
    this.name = 'InvalidAmountError';
  }
}

/**
 * A movement that would take a wallet beyond exact integer centavos (Number.MAX_SAFE_INTEGER): refused
 * rather than kept as a balance that no longer adds up to its ledger.
 */
export class BalanceOutOfRangeError extends Error {
  constructor(kind: Movement['kind']) {
    super(`${kind} would take the wallet beyond ${Number.MAX_SAFE_INTEGER} centavos, where sums are inexact`);
    this.name = 'BalanceOutOfRangeError';
  }
}

function positive(amount: number): number {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new InvalidAmountError(amount);
  return amount;
}

function move(
  kind: Movement['kind'],
  balances: WalletBalances,
  from: string,
  to: string,
  amount: number,
  delta: Partial<WalletBalances>,
): Movement {
  const next = {
    availableCentavos: balances.availableCentavos + (delta.availableCentavos ?? 0),
    reservedCentavos: balances.reservedCentavos + (delta.reservedCentavos ?? 0),
  };
  if (next.availableCentavos < 0 || next.reservedCentavos < 0) {
    throw new Error(`${kind} would make a balance negative (${JSON.stringify(next)})`);
  }
  if (!Number.isSafeInteger(next.availableCentavos + next.reservedCentavos)) {
    throw new BalanceOutOfRangeError(kind);
  }
  return {
    kind,
    balances: next,
    postings: [
      { account: from, amountCentavos: -amount },
      { account: to, amountCentavos: amount },
    ],
  };
}

export function topUp(b: WalletBalances, memberId: string, amount: number, provider: string): Movement {
  const a = positive(amount);
  return move('top-up', b, ledgerAccount.external(provider), ledgerAccount.available(memberId), a, {
    availableCentavos: a,
  });
}

export function reserve(b: WalletBalances, memberId: string, amount: number): Movement {
  const a = positive(amount);
  if (b.availableCentavos < a) throw new InsufficientCreditError(a - b.availableCentavos);
  return move('reserve', b, ledgerAccount.available(memberId), ledgerAccount.reserved(memberId), a, {
    availableCentavos: -a,
    reservedCentavos: a,
  });
}

export function commit(b: WalletBalances, memberId: string, amount: number): Movement {
  const a = positive(amount);
  return move('commit', b, ledgerAccount.reserved(memberId), ledgerAccount.revenue, a, {
    reservedCentavos: -a,
  });
}

export function release(b: WalletBalances, memberId: string, amount: number): Movement {
  const a = positive(amount);
  return move('release', b, ledgerAccount.reserved(memberId), ledgerAccount.available(memberId), a, {
    reservedCentavos: -a,
    availableCentavos: a,
  });
}

export function refund(b: WalletBalances, memberId: string, amount: number, provider: string): Movement {
  const a = positive(amount);
  if (b.availableCentavos < a) throw new InsufficientCreditError(a - b.availableCentavos);
  return move('refund', b, ledgerAccount.available(memberId), ledgerAccount.external(provider), a, {
    availableCentavos: -a,
  });
}

/** Consumption (bar, shop) taken straight from available credit to the club's revenue. */
export function consume(b: WalletBalances, memberId: string, amount: number): Movement {
  const a = positive(amount);
  if (b.availableCentavos < a) throw new InsufficientCreditError(a - b.availableCentavos);
  return move('consumption', b, ledgerAccount.available(memberId), ledgerAccount.revenue, a, {
    availableCentavos: -a,
  });
}

/**
 * Up to `amount` of the member's available credit, never below zero (a refund after the credit was spent,
 * a consumption bigger than the credit): how much is taken, and the movement that takes it — none when
 * nothing is available.
 */
export function takeAvailable(
  b: WalletBalances,
  amount: number,
  move: (balances: WalletBalances, amount: number) => Movement,
): { taken: number; movement?: Movement } {
  const taken = Math.min(amount, b.availableCentavos);
  return taken === 0 ? { taken } : { taken, movement: move(b, taken) };
}
