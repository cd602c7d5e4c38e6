import { Controller } from '@nestjs/common';
import { IotButtonPressedV1, VideoClipHighlightV1, type Envelope } from '@sportclub/contracts';
import { OnCommand, OnEvent, type MessageContext } from '@sportclub/messaging';
import { ClipHighlightHandler } from '../application/clip-highlight/clip-highlight.handler';
import { RecordPressHandler } from '../application/record-press/record-press.handler';

/**
 * Court buttons (iot-bridge's `iot.button.pressed`, through the inbox: a redelivered event is handled
 * once; a panel repeating a press sends its `requestId` again) and the clip step they start. A press
 * refused for want of a recording stays in the press event's flow.
 */
@Controller()
export class HighlightsHandlers {
  constructor(
    private readonly presses: RecordPressHandler,
    private readonly clips: ClipHighlightHandler,
  ) {}

  @OnEvent(IotButtonPressedV1)
  async pressed(e: Envelope<IotButtonPressedV1>, ctx: MessageContext): Promise<void> {
    const { deviceId, courtId, pressedAt, requestId } = e.data;
    await this.presses.execute(ctx.manager, {
      tenantId: e.tenantid,
      courtId,
      deviceId,
      pressId: requestId ?? e.id,
      requestId,
      pressedAt,
      correlationId: e.correlationid,
      causationId: e.id,
    });
  }

  @OnCommand(VideoClipHighlightV1, { callsVendor: true })
  async clip(e: Envelope<VideoClipHighlightV1>): Promise<undefined> {
    await this.clips.execute(e.data.highlightId);
    return undefined;
  }
}
