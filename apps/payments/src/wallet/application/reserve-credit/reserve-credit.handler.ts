import { Inject, Injectable, Logger } from '@nestjs/common';
import { PaymentsCreditReservedV1 } from '@sportclub/contracts';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import type { Transaction } from '@sportclub/service-kit';
import { inexactCentavos, isExactCentavos } from '../../../shared/domain/centavos';
import type { Flow } from '../../../shared/domain/flow';
import { InsufficientCreditError, reserve, type WalletBalances } from '../../domain/wallet.ledger';
import { WALLET_REPOSITORY, type WalletRepositoryPort } from '../ports/wallet.repository.port';
import { reservationEvent } from '../wallet-events';

export interface ReserveCredit {
  reservationId: string;
  memberId: string;
  amountCentavos: number;
}

export type ReserveOutcome =
  | { outcome: 'reserved'; balance: WalletBalances }
  /** No shortfall when the amount asked is not an exact number of centavos: none can be stated. */
  | { outcome: 'insufficient-credit'; balance: WalletBalances; shortfallCentavos?: number }
  /** The reservation was released before this reserve arrived (a compensated, timed-out step). */
  | { outcome: 'refused'; reason: string };

/**
 * Holds part of a member's credit for a check-in. Idempotent per reservation id: a repeated reserve
 * answers as the first did, and a reserve that a release overtook takes nothing. An amount beyond exact
 * centavos is more than any wallet holds: insufficient credit, with no shortfall named.
 */
@Injectable()
export class ReserveCreditHandler {
  private readonly logger = new Logger('ReserveCredit');

  constructor(
    @Inject(WALLET_REPOSITORY) private readonly wallets: WalletRepositoryPort,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
  ) {}

  async execute(tx: Transaction, flow: Flow, cmd: ReserveCredit): Promise<ReserveOutcome> {
    const balances = await this.wallets.lock(tx, flow.tenantId, cmd.memberId);
    const existing = await this.wallets.reservation(tx, flow.tenantId, cmd.reservationId);
    if (existing?.state === 'RELEASED') {
      this.logger.warn(`reservation ${cmd.reservationId} was released before it was reserved; refused`);
      return { outcome: 'refused', reason: 'released before it was reserved' };
    }
    if (existing) return { outcome: 'reserved', balance: balances };

    if (!isExactCentavos(cmd.amountCentavos)) {
      // No wallet holds more than exact centavos; a shortfall computed from this amount would be wrong.
      this.logger.warn(
        `reservation ${cmd.reservationId}: ${inexactCentavos('amountCentavos', cmd.amountCentavos)}`,
      );
      return { outcome: 'insufficient-credit', balance: balances };
    }
    let movement;
    try {
      movement = reserve(balances, cmd.memberId, cmd.amountCentavos);
    } catch (error) {
      if (!(error instanceof InsufficientCreditError)) throw error;
      return {
        outcome: 'insufficient-credit',
        balance: balances,
        shortfallCentavos: error.shortfallCentavos,
      };
    }
    await this.wallets.insertReservation(tx, flow.tenantId, { ...cmd, state: 'RESERVED' });
    await this.wallets.apply(tx, flow.tenantId, cmd.memberId, movement, `reservation:${cmd.reservationId}`);
    await this.outbox.publish(tx, reservationEvent(PaymentsCreditReservedV1, flow, cmd, movement.balances));
    return { outcome: 'reserved', balance: movement.balances };
  }
}
