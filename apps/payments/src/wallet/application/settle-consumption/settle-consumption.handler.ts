import { Inject, Injectable, Logger } from '@nestjs/common';
import { PaymentsConsumptionSettledV1 } from '@sportclub/contracts';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import type { Transaction } from '@sportclub/service-kit';
import { inexactCentavos, isExactCentavos } from '../../../shared/domain/centavos';
import type { Flow } from '../../../shared/domain/flow';
import { consume, takeAvailable } from '../../domain/wallet.ledger';
import { WALLET_REPOSITORY, type WalletRepositoryPort } from '../ports/wallet.repository.port';
import { walletEvent } from '../wallet-events';

export interface SessionConsumption {
  memberId: string;
  sessionId: string;
  consumptionCentavos: number;
}

export type SettleOutcome =
  | { outcome: 'settled'; chargedCentavos: number; unpaidCentavos: number }
  /** Nothing taken: the amount sent is not an exact number of centavos. */
  | { outcome: 'refused'; reason: string }
  /** The session was settled (or refused) before: nothing done again. */
  | { outcome: 'already-settled' };

/**
 * Takes a session's consumption (bar, shop) from the member's credit — as much as it covers; the rest is
 * reported unpaid in the event for the club to collect. Once per session, whatever the message id, and
 * recorded with its outcome. The gateway bounds what it sends, but an amount beyond exact centavos is
 * refused here all the same: taking part of it would report an unpaid rest that is not the real one.
 */
@Injectable()
export class SettleConsumptionHandler {
  private readonly logger = new Logger('SettleConsumption');

  constructor(
    @Inject(WALLET_REPOSITORY) private readonly wallets: WalletRepositoryPort,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
  ) {}

  async execute(tx: Transaction, flow: Flow, s: SessionConsumption): Promise<SettleOutcome> {
    const session = { sessionId: s.sessionId, memberId: s.memberId };
    if (!isExactCentavos(s.consumptionCentavos)) {
      const reason = `${inexactCentavos('consumptionCentavos', s.consumptionCentavos)}: nothing was taken`;
      const first = await this.wallets.recordConsumption(tx, flow.tenantId, {
        ...session,
        outcome: 'refused',
        consumptionCentavos: null,
        chargedCentavos: 0,
        unpaidCentavos: null,
        reason,
      });
      if (!first) return { outcome: 'already-settled' };
      this.logger.error(`session ${s.sessionId} of ${s.memberId} refused: ${reason}`);
      return { outcome: 'refused', reason };
    }

    const balances = await this.wallets.lock(tx, flow.tenantId, s.memberId);
    const { taken, movement } = takeAvailable(balances, s.consumptionCentavos, (b, amount) =>
      consume(b, s.memberId, amount),
    );
    const unpaid = s.consumptionCentavos - taken;
    const first = await this.wallets.recordConsumption(tx, flow.tenantId, {
      ...session,
      outcome: 'settled',
      consumptionCentavos: s.consumptionCentavos,
      chargedCentavos: taken,
      unpaidCentavos: unpaid,
      reason: null,
    });
    if (!first) return { outcome: 'already-settled' };
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
          unpaidCentavos: unpaid,
          balanceCentavos: (movement?.balances ?? balances).availableCentavos,
        },
      }),
    );
    return { outcome: 'settled', chargedCentavos: taken, unpaidCentavos: unpaid };
  }
}
