export type PaymentStatus = 'pending' | 'succeeded' | 'failed' | 'refunded';

export interface PaymentState {
  status: PaymentStatus;
  refundedCentavos: number;
}

/** What moving a payment to what the provider reports means for the wallet and the event stream. */
export interface Transition {
  /** Credit the wallet with the payment's amount (the payment succeeded). */
  credit: boolean;
  /** Take back this much credit (the provider refunded it). */
  refundCentavos: number;
  /** Announce a failure (a decline or an expired Pix). */
  fail: boolean;
  next: PaymentState;
}

const credited = (s: PaymentStatus) => s === 'succeeded' || s === 'refunded';

/** A provider's answer that is no amount of centavos at all: applying it could only corrupt the wallet. */
export class ProviderAmountError extends Error {
  constructor(field: string, value: unknown) {
    super(`the provider reported ${field} ${String(value)}, not a whole number of centavos`);
    this.name = 'ProviderAmountError';
  }
}

/**
 * Applies what the provider says now to what is stored. Providers' webhooks arrive late, twice and out
 * of order, so the payment is always fetched and this compares states instead of replaying events: a
 * payment is credited once, whichever event says so first; a refund takes back only what was not
 * taken back yet, and never more than the payment's `amountCentavos` in all (a provider reporting more
 * refunded than was charged cannot take other credit with it); a payment never goes back to pending,
 * and a failed one can still succeed (a member who retries a card in the app).
 */
export function transition(
  current: PaymentState,
  observed: PaymentState,
  amountCentavos: number,
): Transition {
  if (!Number.isInteger(observed.refundedCentavos) || observed.refundedCentavos < 0) {
    throw new ProviderAmountError('refundedCentavos', observed.refundedCentavos);
  }
  observed = { ...observed, refundedCentavos: Math.min(observed.refundedCentavos, amountCentavos) };
  const none: Transition = { credit: false, refundCentavos: 0, fail: false, next: current };
  if (observed.status === 'pending') return none;
  if (observed.status === 'failed') {
    return current.status === 'pending'
      ? { ...none, fail: true, next: { status: 'failed', refundedCentavos: 0 } }
      : none;
  }
  const credit = !credited(current.status);
  const refundCentavos = Math.max(0, observed.refundedCentavos - current.refundedCentavos);
  if (!credit && refundCentavos === 0) return none;
  return {
    credit,
    refundCentavos,
    fail: false,
    next: {
      status: observed.refundedCentavos > 0 ? 'refunded' : 'succeeded',
      refundedCentavos: Math.max(current.refundedCentavos, observed.refundedCentavos),
    },
  };
}
