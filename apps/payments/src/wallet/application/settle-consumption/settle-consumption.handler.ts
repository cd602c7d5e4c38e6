import { Inject, Injectable } from '@nestjs/common';
import { PaymentsConsumptionSettledV1 } from '@sportclub/contracts';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import type { Transaction } from '@sportclub/service-kit';
import type { Flow } from '../../../shared/domain/flow';
import { consume, takeAvailable } from '../../domain/wallet.ledger';
import { WALLET_REPOSITORY, type WalletRepositoryPort } from '../ports/wallet.repository.port';
import { walletEvent } from '../wallet-events';

export interface SessionConsumption {
  memberId: string;
  sessionId: string;
  consumptionCentavos: number;
}

/**
 * Takes a session's consumption (bar, shop) from the member's credit — as much as it covers; the rest is
 * reported unpaid in the event for the club to collect. Runs once per session (the inbox of the event).
 */
@Injectable()
export class SettleConsumptionHandler {
  constructor(
    @Inject(WALLET_REPOSITORY) private readonly wallets: WalletRepositoryPort,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
  ) {}

  async execute(tx: Transaction, flow: Flow, s: SessionConsumption): Promise<void> {
    const balances = await this.wallets.lock(tx, flow.tenantId, s.memberId);
    const { taken, movement } = takeAvailable(balances, s.consumptionCentavos, (b, amount) =>
      consume(b, s.memberId, amount),
    );
    if (movement) await this.wallets.apply(tx, flow.tenantId, s.memberId, movement, `session:${s.sessionId}`);
    await this.outbox.publish(
      tx,
      PaymentsConsumptionSettledV1.envelope({
        ...walletEvent(flow, s.memberId),
        data: {
          walletId: s.memberId,
          sessionId: s.sessionId,
          consumptionCentavos: s.consumptionCentavos,
          chargedCentavos: taken,
          unpaidCentavos: s.consumptionCentavos - taken,
          balanceCentavos: (movement?.balances ?? balances).availableCentavos,
        },
      }),
    );
  }
}
