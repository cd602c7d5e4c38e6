import { Inject, Injectable, Logger } from '@nestjs/common';
import { isClientError } from '@sportclub/resilience';
import { SERVICE_CONFIG, TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import type { VideoConfig } from '../../../config/video.config';
import {
  VIDEO_PLATFORM,
  type VideoPlatformPort,
} from '../../../shared/application/ports/video-platform.port';
import { ClipOutcomes } from '../clip-outcomes';
import { HIGHLIGHTS_REPOSITORY, type HighlightsRepositoryPort } from '../ports/highlights.repository.port';

/**
 * Asks the vendor for a highlight's clip (the local durable step the press wrote; no transaction is
 * open during the call). A refusal the vendor gives for the request itself (4xx) fails the highlight with
 * `video.highlight.failed.v1`; anything else is thrown, and the step runs again.
 */
@Injectable()
export class ClipHighlightHandler {
  private readonly logger = new Logger('Highlights');

  constructor(
    @Inject(HIGHLIGHTS_REPOSITORY) private readonly highlights: HighlightsRepositoryPort,
    @Inject(VIDEO_PLATFORM) private readonly platform: VideoPlatformPort,
    private readonly outcomes: ClipOutcomes,
    @Inject(TRANSACTIONS) private readonly tx: Transactions,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<VideoConfig, 'CLIP_CHECK_AFTER_MS'>,
  ) {}

  async execute(highlightId: string): Promise<void> {
    const h = await this.tx.run((tx) => this.highlights.beginClip(tx, highlightId));
    if (!h) return;
    let vendorAssetId: string;
    try {
      ({ vendorAssetId } = await this.platform.createClip(h.tenantId, {
        sourceAssetId: h.sourceAssetId,
        startSeconds: h.startSeconds,
        endSeconds: h.endSeconds,
        highlightId,
        // An earlier attempt may have reached the vendor and lost its answer.
        adoptExisting: h.attempt > 1,
      }));
    } catch (error) {
      if (!isClientError(error)) throw error;
      const reason = `the vendor refused the clip: ${(error as Error).message}`.slice(0, 500);
      this.logger.warn(`highlight ${highlightId}: ${reason}`);
      await this.tx.run((tx) => this.outcomes.failed(tx, { highlightId }, reason));
      return;
    }
    await this.tx.run((tx) =>
      this.highlights.markRequested(tx, highlightId, vendorAssetId, this.config.CLIP_CHECK_AFTER_MS),
    );
  }
}
