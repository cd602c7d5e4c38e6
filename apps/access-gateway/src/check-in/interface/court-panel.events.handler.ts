import { Controller, Logger } from '@nestjs/common';
import { IotCourtCheckinRequestedV1, IotCourtCheckoutRequestedV1, type Envelope } from '@sportclub/contracts';
import { OnEvent, type MessageContext } from '@sportclub/messaging';
import { DomainError } from '@sportclub/service-kit';
import { CheckOutHandler } from '../../sessions/application/check-out/check-out.handler';
import { StartCheckInHandler } from '../application/start-check-in/start-check-in.handler';

/**
 * A court's panel asks for a member's check-in or check-out (iot-bridge's events from the panel's
 * topics). A check-in is the same use case as the app's, in the request's flow; the panel and its
 * request id name it, so a repeated publish starts nothing new. The outcome travels on
 * `access.checkin.v1` like every check-in's.
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
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn(`panel ${deviceId}: check-in of ${memberId} at ${courtId} refused: ${error.reason}`);
    }
  }

  /** Ends the member's open session at that court (at the vendor first, as the app's check-out does). */
  @OnEvent(IotCourtCheckoutRequestedV1)
  async checkOut(envelope: Envelope<IotCourtCheckoutRequestedV1>): Promise<void> {
    const { deviceId, courtId, memberId } = envelope.data;
    const ended = await this.checkOuts.atCourt(envelope.tenantid, memberId, courtId);
    if (!ended)
      this.logger.warn(`panel ${deviceId}: ${memberId} has no open session at ${courtId}; nothing to close`);
  }
}
