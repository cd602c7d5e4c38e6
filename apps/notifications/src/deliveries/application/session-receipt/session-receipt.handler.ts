import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import type { Flow } from '../../../shared/domain/flow';
import { duration, money } from '../../../templates/domain/formats';
import { NotifyMemberHandler } from '../notify-member/notify-member.handler';
import {
  SESSION_RECEIPTS_REPOSITORY,
  type SessionReceipt,
  type SessionReceiptsRepositoryPort,
} from '../ports/session-receipts.repository.port';

/**
 * A session's receipt: sent once its end is known and — when the member consumed anything — payments
 * has settled it (what the credit paid and what is due at the desk). The two halves come from
 * `access.session.v1` and `payments.wallet.v1` in either order; whichever completes the row sends it.
 */
@Injectable()
export class SessionReceiptHandler {
  constructor(
    @Inject(SESSION_RECEIPTS_REPOSITORY) private readonly receipts: SessionReceiptsRepositoryPort,
    private readonly notify: NotifyMemberHandler,
  ) {}

  async execute(tx: Transaction, flow: Flow, part: SessionReceipt): Promise<void> {
    const r = await this.receipts.merge(tx, flow.tenantId, part);
    if (!r || r.endedAt === undefined || r.consumptionCentavos === undefined) return;
    if (r.consumptionCentavos > 0 && r.chargedCentavos === undefined) return; // settlement still to come
    await this.receipts.markSent(tx, flow.tenantId, r.sessionId);
    const charged = r.chargedCentavos ?? 0;
    const unpaid = r.unpaidCentavos ?? 0;
    await this.notify.execute(tx, flow, {
      memberId: r.memberId,
      kind: 'session.receipt',
      sourceId: `session-receipt:${r.sessionId}`,
      variables: ({ locale }) => ({
        court: r.courtName ?? r.courtId ?? '',
        duration: r.startedAt ? duration(Date.parse(r.endedAt!) - Date.parse(r.startedAt)) : '',
        consumption: money(r.consumptionCentavos!, locale),
        charged: money(charged, locale),
        unpaid: unpaid > 0 ? money(unpaid, locale) : '',
      }),
    });
  }
}
