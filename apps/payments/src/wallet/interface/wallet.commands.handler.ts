import { Controller } from '@nestjs/common';
import {
  PaymentsCommitCreditResultV1,
  PaymentsGetWalletResultV1,
  PaymentsGetWalletV1,
  PaymentsCommitCreditV1,
  PaymentsReleaseCreditResultV1,
  PaymentsReleaseCreditV1,
  PaymentsReserveCreditResultV1,
  PaymentsReserveCreditV1,
  type Envelope,
} from '@sportclub/contracts';
import { OnCommand, type MessageContext } from '@sportclub/messaging';
import { flowOf } from '../../shared/interface/flow-of';
import { CommitCreditHandler } from '../application/commit-credit/commit-credit.handler';
import { GetWalletHandler } from '../application/get-wallet/get-wallet.handler';
import { ReleaseCreditHandler } from '../application/release-credit/release-credit.handler';
import { ReserveCreditHandler } from '../application/reserve-credit/reserve-credit.handler';

/**
 * The credit commands of the check-in saga; each answers with its result on the sender's reply queue.
 * They only touch the wallet tables, so commands waiting together share a transaction (`batched`).
 */
@Controller()
export class WalletCommandsHandler {
  constructor(
    private readonly reserveCredit: ReserveCreditHandler,
    private readonly commitCredit: CommitCreditHandler,
    private readonly releaseCredit: ReleaseCreditHandler,
    private readonly getWallet: GetWalletHandler,
  ) {}

  @OnCommand(PaymentsReserveCreditV1, { batched: true })
  async reserve(envelope: Envelope<PaymentsReserveCreditV1>, ctx: MessageContext) {
    const { reservationId, memberId, amountCentavos } = envelope.data;
    const result = await this.reserveCredit.execute(ctx.manager, flowOf(ctx), {
      reservationId,
      memberId,
      amountCentavos,
    });
    if (result.outcome === 'refused') return undefined; // nobody awaits it any more (decision 0006)
    return PaymentsReserveCreditResultV1.envelope({
      ...ctx.follow(),
      subject: memberId,
      data: {
        reservationId,
        outcome: result.outcome,
        balanceCentavos: result.balance.availableCentavos,
        ...(result.outcome === 'insufficient-credit' &&
          result.shortfallCentavos !== undefined && { shortfallCentavos: result.shortfallCentavos }),
      },
    });
  }

  @OnCommand(PaymentsCommitCreditV1, { batched: true })
  async commit(envelope: Envelope<PaymentsCommitCreditV1>, ctx: MessageContext) {
    const { reservationId } = envelope.data;
    const outcome = await this.commitCredit.execute(ctx.manager, flowOf(ctx), reservationId);
    return PaymentsCommitCreditResultV1.envelope({
      ...ctx.follow(),
      subject: reservationId,
      data: { reservationId, outcome },
    });
  }

  @OnCommand(PaymentsReleaseCreditV1, { batched: true })
  async release(envelope: Envelope<PaymentsReleaseCreditV1>, ctx: MessageContext) {
    const { reservationId } = envelope.data;
    const outcome = await this.releaseCredit.execute(ctx.manager, flowOf(ctx), reservationId);
    return PaymentsReleaseCreditResultV1.envelope({
      ...ctx.follow(),
      subject: reservationId,
      data: { reservationId, outcome },
    });
  }

  @OnCommand(PaymentsGetWalletV1)
  async wallet(envelope: Envelope<PaymentsGetWalletV1>, ctx: MessageContext) {
    const { memberId, ledgerLimit } = envelope.data;
    const w = await this.getWallet.execute(ctx.manager, envelope.tenantid, memberId, ledgerLimit ?? 50);
    const ledger = w.ledger.map((line) => ({ ...line })); // plain objects for the schema type
    return PaymentsGetWalletResultV1.envelope({ ...ctx.follow(), subject: memberId, data: { ...w, ledger } });
  }
}
