import type { Transaction } from '@sportclub/service-kit';
import type { Flow } from '../../../shared/domain/flow';

export interface WalletBooking {
  memberId: string;
  paymentId: string;
  provider: string;
  amountCentavos: number;
}

/**
 * What top-ups need from the wallet: crediting a paid top-up and taking a refund back, in the
 * transaction that records the payment (the wallet context's BookPaymentHandler).
 */
export interface WalletCredits {
  credit(tx: Transaction, flow: Flow, booking: WalletBooking): Promise<unknown>;
  /** Takes back as much as is still available; answers how much that was. */
  takeBack(tx: Transaction, flow: Flow, booking: WalletBooking): Promise<number>;
}

export const WALLET_CREDITS = Symbol('WALLET_CREDITS');
