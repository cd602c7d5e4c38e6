import { Controller, Inject } from '@nestjs/common';
import {
  AccessCheckinCompletedV1,
  AccessCheckinFailedV1,
  AccessCheckinRejectedV1,
  AccessSessionEndedV1,
  CalendarConnectionBrokenV1,
  CalendarLinkRestoredV1,
  PaymentsConsumptionSettledV1,
  PaymentsPaymentFailedV1,
  PaymentsPaymentSucceededV1,
  VideoHighlightReadyV1,
  type Envelope,
} from '@sportclub/contracts';
import { OnEvent, type MessageContext } from '@sportclub/messaging';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { NotificationsConfig } from '../../config/notifications.config';
import { flowOf } from '../../shared/interface/flow-of';
import { dateOf, money, timeOfDay } from '../../templates/domain/formats';
import { NotifyMemberHandler } from '../application/notify-member/notify-member.handler';
import { SessionReceiptHandler } from '../application/session-receipt/session-receipt.handler';

const METHOD: Record<string, Record<string, string>> = {
  'pt-BR': { card: 'cartão', pix: 'Pix' },
  en: { card: 'card', pix: 'Pix' },
};
const methodName = (method: string, locale: string) =>
  (METHOD[locale] ?? METHOD[locale.split('-')[0]] ?? METHOD['pt-BR'])[method] ?? method;

/**
 * What members are told, from the platform's events (each through the inbox, in its transaction): a
 * check-in completed, rejected or failed; a top-up paid or declined; a session's receipt; their Google
 * Calendar connection broken, or a booking's event put back after they changed it in Google; a court
 * highlight ready for each member who was on the court (a link to open it). The time a
 * member reads is the event's, in their own time zone. Events without a rule here are not subscribed to.
 */
@Controller()
export class MemberEventsHandler {
  constructor(
    private readonly notify: NotifyMemberHandler,
    private readonly receipts: SessionReceiptHandler,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  @OnEvent(AccessCheckinCompletedV1)
  async checkInCompleted(e: Envelope<AccessCheckinCompletedV1>, ctx: MessageContext): Promise<void> {
    const { memberId, courtId, courtName, sessionId, chargedCentavos } = e.data;
    const at = new Date(e.time);
    await this.notify.execute(ctx.manager, flowOf(ctx), {
      memberId,
      kind: 'checkin.completed',
      sourceId: e.id,
      variables: ({ locale, timeZone }) => ({
        court: courtName ?? courtId,
        time: timeOfDay(at, locale, timeZone),
        date: dateOf(at, locale, timeZone),
        charged: chargedCentavos > 0 ? money(chargedCentavos, locale) : '',
      }),
    });
    // The session's receipt will name the court too.
    if (courtName) await this.receipts.execute(ctx.manager, flowOf(ctx), { sessionId, memberId, courtName });
  }

  @OnEvent(AccessCheckinRejectedV1)
  checkInRejected(e: Envelope<AccessCheckinRejectedV1>, ctx: MessageContext) {
    return this.checkInEnded('checkin.rejected', e, ctx);
  }

  @OnEvent(AccessCheckinFailedV1)
  checkInFailed(e: Envelope<AccessCheckinFailedV1>, ctx: MessageContext) {
    return this.checkInEnded('checkin.failed', e, ctx);
  }

  private async checkInEnded(
    kind: 'checkin.rejected' | 'checkin.failed',
    e: Envelope<AccessCheckinRejectedV1 | AccessCheckinFailedV1>,
    ctx: MessageContext,
  ): Promise<void> {
    const { memberId, courtId, courtName, reason } = e.data;
    const at = new Date(e.time);
    await this.notify.execute(ctx.manager, flowOf(ctx), {
      memberId,
      kind,
      sourceId: e.id,
      variables: ({ locale, timeZone }) => ({
        court: courtName ?? courtId,
        time: timeOfDay(at, locale, timeZone),
        reason,
      }),
    });
  }

  @OnEvent(PaymentsPaymentSucceededV1)
  async paymentSucceeded(e: Envelope<PaymentsPaymentSucceededV1>, ctx: MessageContext): Promise<void> {
    const { memberId, amountCentavos, method } = e.data;
    await this.notify.execute(ctx.manager, flowOf(ctx), {
      memberId,
      kind: 'top-up.succeeded',
      sourceId: e.id,
      variables: ({ locale }) => ({
        amount: money(amountCentavos, locale),
        method: methodName(method, locale),
      }),
    });
  }

  @OnEvent(PaymentsPaymentFailedV1)
  async paymentFailed(e: Envelope<PaymentsPaymentFailedV1>, ctx: MessageContext): Promise<void> {
    const { memberId, amountCentavos, reason } = e.data;
    await this.notify.execute(ctx.manager, flowOf(ctx), {
      memberId,
      kind: 'top-up.failed',
      sourceId: e.id,
      variables: ({ locale }) => ({ amount: money(amountCentavos, locale), reason }),
    });
  }

  /** A club calendar's connection breaking has no member to tell: its staff see it in the connections list. */
  @OnEvent(CalendarConnectionBrokenV1)
  async calendarBroken(e: Envelope<CalendarConnectionBrokenV1>, ctx: MessageContext): Promise<void> {
    const { memberId } = e.data;
    if (!memberId) return;
    await this.notify.execute(ctx.manager, flowOf(ctx), {
      memberId,
      kind: 'calendar.broken',
      sourceId: e.id,
      variables: () => ({}),
    });
  }

  @OnEvent(CalendarLinkRestoredV1)
  async calendarRestored(e: Envelope<CalendarLinkRestoredV1>, ctx: MessageContext): Promise<void> {
    const { memberId, courtName, startsAt } = e.data;
    if (!memberId) return;
    const at = new Date(startsAt);
    await this.notify.execute(ctx.manager, flowOf(ctx), {
      memberId,
      kind: 'calendar.restored',
      sourceId: e.id,
      variables: ({ locale, timeZone }) => ({
        court: courtName,
        date: dateOf(at, locale, timeZone),
        time: timeOfDay(at, locale, timeZone),
      }),
    });
  }

  @OnEvent(VideoHighlightReadyV1)
  async highlightReady(e: Envelope<VideoHighlightReadyV1>, ctx: MessageContext): Promise<void> {
    const { highlightId, courtId, pressedAt, memberIds } = e.data;
    const at = new Date(pressedAt);
    const link = this.config.HIGHLIGHT_LINK_URL.replace('{highlightId}', highlightId);
    for (const memberId of memberIds) {
      await this.notify.execute(ctx.manager, flowOf(ctx), {
        memberId,
        kind: 'highlight.ready',
        sourceId: e.id,
        variables: ({ locale, timeZone }) => ({
          court: courtId,
          date: dateOf(at, locale, timeZone),
          time: timeOfDay(at, locale, timeZone),
          link,
        }),
      });
    }
  }

  @OnEvent(AccessSessionEndedV1)
  sessionEnded(e: Envelope<AccessSessionEndedV1>, ctx: MessageContext) {
    const { sessionId, memberId, courtId, startedAt, endedAt, consumptionCentavos } = e.data;
    return this.receipts.execute(ctx.manager, flowOf(ctx), {
      sessionId,
      memberId,
      courtId,
      ...(startedAt && { startedAt }),
      endedAt,
      consumptionCentavos,
    });
  }

  @OnEvent(PaymentsConsumptionSettledV1)
  consumptionSettled(e: Envelope<PaymentsConsumptionSettledV1>, ctx: MessageContext) {
    const { walletId, sessionId, chargedCentavos, unpaidCentavos } = e.data;
    // A wallet is its member's (payments keys wallets by member id).
    return this.receipts.execute(ctx.manager, flowOf(ctx), {
      sessionId,
      memberId: walletId,
      chargedCentavos,
      unpaidCentavos,
    });
  }
}
