import type { Transaction } from '@sportclub/service-kit';
import type { Movement, WalletBalances } from '../../domain/wallet.ledger';

export type ReservationState = 'RESERVED' | 'COMMITTED' | 'RELEASED';

export interface Reservation {
  reservationId: string;
  /** Null for the marker a release leaves when it overtook its reserve. */
  memberId: string | null;
  amountCentavos: number;
  state: ReservationState;
}

/** A reservation locked together with its member's wallet balances. */
export interface LockedReservation extends Reservation {
  balances: WalletBalances;
}

export interface LedgerLine {
  movementId: string;
  kind: string;
  reference: string;
  account: string;
  amountCentavos: number;
  createdAt: string;
}

/** What became of one ended session's consumption. */
export interface ConsumptionSettlement {
  sessionId: string;
  memberId: string;
  outcome: 'settled' | 'refused';
  /** Null when refused: the amount sent was not an exact number of centavos, so none is kept. */
  consumptionCentavos: number | null;
  chargedCentavos: number;
  unpaidCentavos: number | null;
  /** Why it was refused. */
  reason: string | null;
}

/**
 * Wallets, their double-entry ledger and credit reservations. Every call runs in the caller's
 * transaction; locks are taken in one order (wallet, then reservation) so use cases cannot deadlock.
 */
export interface WalletRepositoryPort {
  /** The wallet's balances, created empty on first use and locked until the transaction ends. */
  lock(tx: Transaction, tenantId: string, memberId: string): Promise<WalletBalances>;
  find(tx: Transaction, tenantId: string, memberId: string): Promise<WalletBalances | undefined>;
  /** Applies a movement: the wallet's cached balances and its postings, under `reference`. */
  apply(
    tx: Transaction,
    tenantId: string,
    memberId: string,
    movement: Movement,
    reference: string,
  ): Promise<void>;
  /** Locks the wallet first; call it after `lock` for the same member. */
  reservation(tx: Transaction, tenantId: string, reservationId: string): Promise<Reservation | undefined>;
  /** The reservation and its wallet, both locked in the one order. */
  lockReservation(
    tx: Transaction,
    tenantId: string,
    reservationId: string,
  ): Promise<LockedReservation | undefined>;
  /** False when the id is already taken (a concurrent duplicate). */
  insertReservation(tx: Transaction, tenantId: string, r: Reservation): Promise<boolean>;
  /** Moves a held reservation to its end state together with the movement that settles it. */
  settleReservation(
    tx: Transaction,
    tenantId: string,
    r: { reservationId: string; memberId: string },
    state: 'COMMITTED' | 'RELEASED',
    movement: Movement,
  ): Promise<void>;
  /** Records a session's settlement; false when that session was settled (or refused) before. */
  recordConsumption(tx: Transaction, tenantId: string, s: ConsumptionSettlement): Promise<boolean>;
  /** The member's newest ledger lines first. */
  ledger(tx: Transaction, tenantId: string, memberId: string, limit: number): Promise<LedgerLine[]>;
}

export const WALLET_REPOSITORY = Symbol('WALLET_REPOSITORY');
