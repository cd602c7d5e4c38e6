import { Controller, Inject } from '@nestjs/common';
import { AccessPanelRequestRefusedV1, VideoHighlightRefusedV1, type Envelope } from '@sportclub/contracts';
import { OnEvent, type MessageContext } from '@sportclub/messaging';
import { AnswerPanelRequestHandler } from '../application/answer-panel-request/answer-panel-request.handler';

/**
 * The refusals of panels' requests, kept with the request inside the event's inbox transaction for the
 * panel to be told: the gateway's of check-ins and check-outs (`access.panel-request.refused.v1`),
 * video's of button presses on a court with nothing recording (`video.highlight.refused.v1`).
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
      action: operation === 'check-in' ? 'checkin' : 'checkout',
      refusal: code,
    });
  }

  @OnEvent(VideoHighlightRefusedV1)
  async highlightRefused(envelope: Envelope<VideoHighlightRefusedV1>, ctx: MessageContext): Promise<void> {
    const { deviceId, requestId, code } = envelope.data;
    await this.answerRequest.execute(ctx.manager, {
      tenantId: envelope.tenantid,
      panelId: deviceId,
      requestId,
      action: 'button',
      refusal: code,
    });
  }
}
