import { Inject, Injectable } from '@nestjs/common';
import { PaymentsCreditReleasedV1 } from '@sportclub/contracts';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import type { Transaction } from '@sportclub/service-kit';
import type { Flow } from '../../../shared/domain/flow';
import { release } from '../../domain/wallet.ledger';
import { WALLET_REPOSITORY, type WalletRepositoryPort } from '../ports/wallet.repository.port';
import { reservationEvent } from '../wallet-events';

export type ReleaseOutcome = 'released' | 'already-committed' | 'unknown-reservation';

/**
 * Gives a held reservation back to the member's available credit (the check-in did not complete). A
 * release for a reservation never seen leaves a marker, so its late reserve is refused.
 */
@Injectable()
export class ReleaseCreditHandler {
  constructor(
    @Inject(WALLET_REPOSITORY) private readonly wallets: WalletRepositoryPort,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
  ) {}

  async execute(tx: Transaction, flow: Flow, reservationId: string): Promise<ReleaseOutcome> {
    const r = await this.wallets.lockReservation(tx, flow.tenantId, reservationId);
    if (!r) {
      const marked = await this.wallets.insertReservation(tx, flow.tenantId, {
        reservationId,
        memberId: null,
        amountCentavos: 0,
        state: 'RELEASED',
      });
      // Lost a race with its reserve, which has committed meanwhile: release that one.
      return marked ? 'unknown-reservation' : this.execute(tx, flow, reservationId);
    }
    if (r.state === 'COMMITTED') return 'already-committed';
    if (r.state === 'RELEASED' || !r.memberId) return 'released';
    const held = { ...r, memberId: r.memberId };
    const movement = release(r.balances, held.memberId, r.amountCentavos);
    await this.wallets.settleReservation(tx, flow.tenantId, held, 'RELEASED', movement);
    await this.outbox.publish(tx, reservationEvent(PaymentsCreditReleasedV1, flow, held, movement.balances));
    return 'released';
  }
}
