import { Controller } from '@nestjs/common';
import { AccessCheckinCompletedV1, type Envelope } from '@sportclub/contracts';
import { OnEvent, type MessageContext } from '@sportclub/messaging';
import { SessionsService } from './sessions.service';

/** A completed check-in opens its court session (choreography on the gateway's own event). */
@Controller()
export class SessionsEventsHandler {
  constructor(private readonly sessions: SessionsService) {}

  @OnEvent(AccessCheckinCompletedV1)
  async checkedIn(envelope: Envelope<AccessCheckinCompletedV1>, ctx: MessageContext): Promise<void> {
    const { sessionId, checkInId, memberId, courtId } = envelope.data;
    await this.sessions.open(
      ctx.manager,
      { tenantId: envelope.tenantid, sessionId, checkInId, memberId, courtId },
      { correlationId: envelope.correlationid, causationId: envelope.id },
    );
  }
}
