import { Inject, Injectable } from '@nestjs/common';
import { PaymentsWalletToppedUpV1 } from '@sportclub/contracts';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import type { Transaction } from '@sportclub/service-kit';
import type { Flow } from '../../../shared/domain/flow';
import { refund, takeAvailable, topUp, type WalletBalances } from '../../domain/wallet.ledger';
import { WALLET_REPOSITORY, type WalletRepositoryPort } from '../ports/wallet.repository.port';
import { walletEvent } from '../wallet-events';

/** A provider payment as the wallet books it. */
export interface BookedPayment {
  memberId: string;
  paymentId: string;
  provider: string;
  /** What this booking moves: the payment's amount when crediting, the refunded amount when taking back. */
  amountCentavos: number;
}

/**
 * Books a payment's money in the member's wallet: a succeeded top-up is credited, a refund takes the
 * credit back — as much as is still available. Runs in the transaction that records the payment, so a
 * redelivered command or webhook can neither book twice nor lose the event.
 */
@Injectable()
export class BookPaymentHandler {
  constructor(
    @Inject(WALLET_REPOSITORY) private readonly wallets: WalletRepositoryPort,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
  ) {}

  async credit(tx: Transaction, flow: Flow, p: BookedPayment): Promise<WalletBalances> {
    const balances = await this.wallets.lock(tx, flow.tenantId, p.memberId);
    const movement = topUp(balances, p.memberId, p.amountCentavos, p.provider);
    await this.wallets.apply(tx, flow.tenantId, p.memberId, movement, `payment:${p.paymentId}`);
    await this.outbox.publish(
      tx,
      PaymentsWalletToppedUpV1.envelope({
        ...walletEvent(flow, p.memberId),
        data: {
          walletId: p.memberId,
          paymentId: p.paymentId,
          amountCentavos: p.amountCentavos,
          balanceCentavos: movement.balances.availableCentavos,
        },
      }),
    );
    return movement.balances;
  }

  /** Takes refunded credit back out of the wallet: how much was still there to take. */
  async takeBack(tx: Transaction, flow: Flow, p: BookedPayment): Promise<number> {
    const balances = await this.wallets.lock(tx, flow.tenantId, p.memberId);
    const { taken, movement } = takeAvailable(balances, p.amountCentavos, (b, amount) =>
      refund(b, p.memberId, amount, p.provider),
    );
    if (movement) await this.wallets.apply(tx, flow.tenantId, p.memberId, movement, `refund:${p.paymentId}`);
    return taken;
  }
}
