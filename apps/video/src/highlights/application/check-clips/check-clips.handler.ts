import { Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG, TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import type { VideoConfig } from '../../../config/video.config';
import {
  VIDEO_PLATFORM,
  type VideoPlatformPort,
} from '../../../shared/application/ports/video-platform.port';
import { ClipOutcomes } from '../clip-outcomes';
import { HIGHLIGHTS_REPOSITORY, type HighlightsRepositoryPort } from '../ports/highlights.repository.port';

/** Clips looked up per pass. */
const BATCH = 20;

/**
 * Looks up at the vendor the clips requested CLIP_CHECK_AFTER_MS ago or more whose webhook has not ended
 * them (it never came, or video was down through the vendor's retries): a ready or errored clip ends its
 * highlight as the webhook would have (`video.highlight.ready.v1` / `failed.v1`, once: whichever comes
 * first); one the vendor no longer has, or still makes a day after the press, fails. A vendor fault
 * leaves the clip for the next look. Returns how many were looked up.
 */
@Injectable()
export class CheckClipsHandler {
  private readonly logger = new Logger('Highlights');

  constructor(
    @Inject(HIGHLIGHTS_REPOSITORY) private readonly highlights: HighlightsRepositoryPort,
    @Inject(VIDEO_PLATFORM) private readonly platform: VideoPlatformPort,
    private readonly outcomes: ClipOutcomes,
    @Inject(TRANSACTIONS) private readonly tx: Transactions,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<VideoConfig, 'CLIP_CHECK_AFTER_MS'>,
  ) {}

  async execute(): Promise<number> {
    const due = await this.tx.run((tx) =>
      this.highlights.claimClipChecks(tx, BATCH, this.config.CLIP_CHECK_AFTER_MS),
    );
    for (const h of due) {
      try {
        const clip = await this.platform.getAsset(h.tenantId, h.vendorAssetId);
        if (clip.status === 'preparing' && !h.overdue) continue;
        const ended = await this.tx.run((tx) =>
          clip.status === 'ready'
            ? this.outcomes.ready(tx, h.vendorAssetId, clip)
            : this.outcomes.failed(
                tx,
                { vendorAssetId: h.vendorAssetId },
                clip.status === 'errored'
                  ? clip.reason
                  : clip.status === 'gone'
                    ? 'the clip is gone at the vendor'
                    : 'the vendor had not finished the clip a day after the press',
              ),
        );
        if (ended)
          this.logger.log(`highlight ${h.highlightId}: ${clip.status} at the vendor, no webhook had said so`);
      } catch (error) {
        this.logger.warn(
          `highlight ${h.highlightId}: looking up its clip failed: ${(error as Error).message}`,
        );
      }
    }
    return due.length;
  }
}
