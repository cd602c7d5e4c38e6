import { ConflictException, Controller, Inject, Logger, NotFoundException } from '@nestjs/common';
import { IotCourtCheckinRequestedV1, IotCourtCheckoutRequestedV1, type Envelope } from '@sportclub/contracts';
import { OnEvent, type MessageContext } from '@sportclub/messaging';
import { CheckInService } from '../check-in/application/check-in.service';
import { SessionsService } from '../sessions/sessions.service';

/**
 * A court's panel asks for a member's check-in or check-out (iot-bridge's events from `court/+/checkin`
 * and `court/+/checkout`). A check-in is the same saga as the app's, in the request's flow; the device
 * and its clock name the request, so a repeated publish starts nothing new. The outcome travels on
 * `access.checkin.v1` like every check-in's.
 */
@Controller()
export class CourtPanelEventsHandler {
  private readonly logger = new Logger('CourtPanel');

  constructor(
    @Inject(CheckInService) private readonly checkIns: CheckInService,
    @Inject(SessionsService) private readonly sessions: SessionsService,
  ) {}

  @OnEvent(IotCourtCheckinRequestedV1)
  async checkIn(envelope: Envelope<IotCourtCheckinRequestedV1>, ctx: MessageContext): Promise<void> {
    const { deviceId, courtId, memberId, requestedAt } = envelope.data;
    try {
      await this.checkIns.start(
        { tenantId: envelope.tenantid },
        // A panel shows no Pix code: a short wallet is topped up from the saved card, or refused.
        { courtId, memberId, channel: 'court-panel', topUpMethod: 'card' },
        `panel:${deviceId}:${envelope.data.requestId ?? requestedAt}`,
        { correlationId: envelope.correlationid, causationId: envelope.id, manager: ctx.manager },
      );
    } catch (error) {
      if (!(error instanceof NotFoundException || error instanceof ConflictException)) throw error;
      this.logger.warn(
        `panel ${deviceId}: check-in of ${memberId} at ${courtId} not started: ${error.message}`,
      );
    }
  }

  /** Ends the member's open session at that court (at the vendor first, as the app's check-out does). */
  @OnEvent(IotCourtCheckoutRequestedV1)
  async checkOut(envelope: Envelope<IotCourtCheckoutRequestedV1>, ctx: MessageContext): Promise<void> {
    const { deviceId, courtId, memberId } = envelope.data;
    const [open] = await ctx.manager.query<{ sessionId: string }[]>(
      `SELECT session_id AS "sessionId" FROM court_session
        WHERE tenant_id = $1 AND member_id = $2 AND court_id = $3 AND ended_at IS NULL
        ORDER BY started_at DESC LIMIT 1`,
      [envelope.tenantid, memberId, courtId],
    );
    if (!open) {
      this.logger.warn(`panel ${deviceId}: ${memberId} has no open session at ${courtId}; nothing to close`);
      return;
    }
    await this.sessions.checkOut(
      { tenantId: envelope.tenantid, subject: memberId, roles: ['member'], clientId: `device:${deviceId}` },
      open.sessionId,
    );
  }
}
