import { Controller, Logger } from '@nestjs/common';
import {
  AccessPanelRequestRefusedV1,
  IotCourtCheckinRequestedV1,
  IotCourtCheckoutRequestedV1,
  type Envelope,
} from '@sportclub/contracts';
import { OnEvent, type MessageContext } from '@sportclub/messaging';
import { DomainError } from '@sportclub/service-kit';
import { CheckOutHandler } from '../../sessions/application/check-out/check-out.handler';
import { StartCheckInHandler } from '../application/start-check-in/start-check-in.handler';
import { CourtBookedError } from '../domain/check-in.errors';
import { publishCourtBooked } from './court-booked.rejection';

type PanelRequest = IotCourtCheckinRequestedV1 | IotCourtCheckoutRequestedV1;
type Refusal = Pick<AccessPanelRequestRefusedV1, 'operation' | 'code' | 'reason'>;

/** Each refusal of a check-in as the panel's refusal code (iot-bridge tells the panel why, in pt-BR). */
const REFUSALS: Record<string, AccessPanelRequestRefusedV1['code']> = {
  member_not_found: 'not-a-member',
  member_suspended: 'member-suspended',
  court_not_found: 'unknown-court',
  check_in_in_progress: 'check-in-in-progress',
  already_on_court: 'already-on-court',
};

/**
 * A court's panel asks for a member's check-in or check-out (iot-bridge's events from the panel's
 * topics). A check-in is the same use case as the app's, in the request's flow; the panel and its
 * request id name it, so a repeated publish starts nothing new. The outcome travels on
 * `access.checkin.v1` like every check-in's; a request that does nothing (a refused check-in, a
 * check-out with no open session) is answered with `access.panel-request.refused.v1` in the same flow
 * and transaction.
 */
@Controller()
export class CourtPanelEventsHandler {
  private readonly logger = new Logger('CourtPanel');

  constructor(
    private readonly startCheckIn: StartCheckInHandler,
    private readonly checkOuts: CheckOutHandler,
  ) {}

  @OnEvent(IotCourtCheckinRequestedV1)
  async checkIn(envelope: Envelope<IotCourtCheckinRequestedV1>, ctx: MessageContext): Promise<void> {
    const { deviceId, courtId, memberId, requestedAt } = envelope.data;
    try {
      await this.startCheckIn.execute(
        {
          tenantId: envelope.tenantid,
          courtId,
          memberId,
          channel: 'court-panel',
          // A panel shows no Pix code: a short wallet is topped up from the saved card, or refused.
          topUpMethod: 'card',
          requestKey: `panel:${deviceId}:${envelope.data.requestId ?? requestedAt}`,
        },
        { correlationId: envelope.correlationid, causationId: envelope.id, tx: ctx.manager },
      );
    } catch (error) {
      if (error instanceof CourtBookedError) {
        await publishCourtBooked(ctx, error, courtId);
        return;
      }
      const code = error instanceof DomainError ? REFUSALS[error.code] : undefined;
      if (!code) throw error;
      await this.refuse(envelope, ctx, {
        operation: 'check-in',
        code,
        reason: (error as DomainError).reason,
      });
    }
  }

  /** Ends the member's open session at that court (at the vendor first, as the app's check-out does). */
  @OnEvent(IotCourtCheckoutRequestedV1)
  async checkOut(envelope: Envelope<IotCourtCheckoutRequestedV1>, ctx: MessageContext): Promise<void> {
    const { courtId, memberId } = envelope.data;
    const ended = await this.checkOuts.atCourt(envelope.tenantid, memberId, courtId);
    if (ended) return;
    await this.refuse(envelope, ctx, {
      operation: 'check-out',
      code: 'no-open-session',
      reason: 'the member has no open session at this court',
    });
  }

  private async refuse(envelope: Envelope<PanelRequest>, ctx: MessageContext, refusal: Refusal) {
    const { deviceId, requestId, memberId, courtId } = envelope.data;
    this.logger.warn(
      `panel ${deviceId}: ${refusal.operation} of ${memberId} at ${courtId}: ${refusal.reason}`,
    );
    // Events from before panels named their requests cannot be answered: nothing would match.
    if (!requestId) return;
    await ctx.outbox.publish(
      ctx.manager,
      AccessPanelRequestRefusedV1.envelope({
        ...ctx.follow(),
        subject: deviceId,
        data: { deviceId, requestId, memberId, courtId, ...refusal },
      }),
    );
  }
}
