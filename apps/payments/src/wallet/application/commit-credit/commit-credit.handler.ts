import { Inject, Injectable } from '@nestjs/common';
import { PaymentsCreditCommittedV1 } from '@sportclub/contracts';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import type { Transaction } from '@sportclub/service-kit';
import type { Flow } from '../../../shared/domain/flow';
import { commit } from '../../domain/wallet.ledger';
import { WALLET_REPOSITORY, type WalletRepositoryPort } from '../ports/wallet.repository.port';
import { reservationEvent } from '../wallet-events';

/** Spends a held reservation (the court opened): reserved credit becomes the club's revenue, once. */
@Injectable()
export class CommitCreditHandler {
  constructor(
    @Inject(WALLET_REPOSITORY) private readonly wallets: WalletRepositoryPort,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
  ) {}

  async execute(
    tx: Transaction,
    flow: Flow,
    reservationId: string,
  ): Promise<'committed' | 'unknown-reservation'> {
    const r = await this.wallets.lockReservation(tx, flow.tenantId, reservationId);
    if (!r || r.state === 'RELEASED' || !r.memberId) return 'unknown-reservation';
    if (r.state === 'COMMITTED') return 'committed';
    const held = { ...r, memberId: r.memberId };
    const movement = commit(r.balances, held.memberId, r.amountCentavos);
    await this.wallets.settleReservation(tx, flow.tenantId, held, 'COMMITTED', movement);
    await this.outbox.publish(tx, reservationEvent(PaymentsCreditCommittedV1, flow, held, movement.balances));
    return 'committed';
  }
}
