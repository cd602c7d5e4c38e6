import { Controller } from '@nestjs/common';
import {
  VideoGetHighlightResultV1,
  VideoGetHighlightV1,
  VideoListHighlightsResultV1,
  VideoListHighlightsV1,
  type Envelope,
} from '@sportclub/contracts';
import { OnCommand, type MessageContext } from '@sportclub/messaging';
import { GetHighlightHandler } from '../application/get-highlight/get-highlight.handler';
import { ListHighlightsHandler } from '../application/list-highlights/list-highlights.handler';

/** Highlights for the gateway (request/reply; the tenant is the envelope's, the viewer the gateway's principal). */
@Controller()
export class PlaybackCommandsHandler {
  constructor(
    private readonly getHighlight: GetHighlightHandler,
    private readonly listHighlights: ListHighlightsHandler,
  ) {}

  @OnCommand(VideoGetHighlightV1, { callsVendor: true })
  async get(e: Envelope<VideoGetHighlightV1>, ctx: MessageContext) {
    const highlight = await this.getHighlight.execute(e.tenantid, e.data.highlightId, e.data.viewer);
    return VideoGetHighlightResultV1.envelope({
      ...ctx.follow(),
      subject: e.data.highlightId,
      data: highlight ? { outcome: 'found', highlight } : { outcome: 'not-found' },
    });
  }

  @OnCommand(VideoListHighlightsV1)
  async list(e: Envelope<VideoListHighlightsV1>, ctx: MessageContext) {
    const { viewer, memberId, courtId, limit } = e.data;
    return VideoListHighlightsResultV1.envelope({
      ...ctx.follow(),
      subject: e.tenantid,
      data: {
        highlights: await this.listHighlights.execute(ctx.manager, e.tenantid, viewer, {
          memberId,
          courtId,
          limit,
        }),
      },
    });
  }
}
