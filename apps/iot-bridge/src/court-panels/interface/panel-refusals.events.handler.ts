import { Controller, Inject } from '@nestjs/common';
import { AccessPanelRequestRefusedV1, type Envelope } from '@sportclub/contracts';
import { OnEvent, type MessageContext } from '@sportclub/messaging';
import { AnswerPanelRequestHandler } from '../application/answer-panel-request/answer-panel-request.handler';

/**
 * The gateway's refusals of panels' check-ins and check-outs (`access.panel-request.refused.v1`):
 * kept with the request, inside the event's inbox transaction, for the panel to be told.
 */
@Controller()
export class PanelRefusalsEventsHandler {
  constructor(@Inject(AnswerPanelRequestHandler) private readonly answerRequest: AnswerPanelRequestHandler) {}

  @OnEvent(AccessPanelRequestRefusedV1)
  async refused(envelope: Envelope<AccessPanelRequestRefusedV1>, ctx: MessageContext): Promise<void> {
    const { deviceId, requestId, operation, code } = envelope.data;
    await this.answerRequest.execute(ctx.manager, {
      tenantId: envelope.tenantid,
      panelId: deviceId,
      requestId,
      operation,
      code,
    });
  }
}
