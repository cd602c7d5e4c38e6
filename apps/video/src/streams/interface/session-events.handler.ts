import { Controller } from '@nestjs/common';
import { AccessSessionEndedV1, AccessSessionStartedV1, type Envelope } from '@sportclub/contracts';
import { OnEvent, type MessageContext } from '@sportclub/messaging';
import { RecordSessionHandler } from '../application/record-session/record-session.handler';

/** Court sessions from access-gateway (through the inbox: a redelivered event is handled once). */
@Controller()
export class SessionEventsHandler {
  constructor(private readonly sessions: RecordSessionHandler) {}

  @OnEvent(AccessSessionStartedV1)
  started(e: Envelope<AccessSessionStartedV1>, ctx: MessageContext): Promise<void> {
    const { sessionId, courtId, memberId, startedAt } = e.data;
    return this.sessions.execute(ctx.manager, {
      tenantId: e.tenantid,
      sessionId,
      courtId,
      memberId,
      startedAt,
    });
  }

  @OnEvent(AccessSessionEndedV1)
  ended(e: Envelope<AccessSessionEndedV1>, ctx: MessageContext): Promise<void> {
    const { sessionId, courtId, memberId, endedAt } = e.data;
    return this.sessions.execute(ctx.manager, {
      tenantId: e.tenantid,
      sessionId,
      courtId,
      memberId,
      endedAt,
    });
  }
}
