import { Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG, TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import type { VideoConfig } from '../../../config/video.config';
import {
  VIDEO_PLATFORM,
  type VideoPlatformPort,
} from '../../../shared/application/ports/video-platform.port';
import { PRIVACY_REPOSITORY, type PrivacyRepositoryPort } from '../ports/privacy.repository.port';

/** Clips deleted per pass, and how long one is held while its vendor copy is deleted. */
const BATCH = 50;
const LEASE_MS = 60_000;

/**
 * Marks the clips past their club's retention, then deletes every marked clip at the vendor (a copy
 * already gone is fine) and here. A vendor failure leaves the clip marked: the next pass (its lease
 * over) tries again; no one sees it meanwhile.
 */
@Injectable()
export class ApplyRetentionHandler {
  private readonly logger = new Logger('Retention');

  constructor(
    @Inject(PRIVACY_REPOSITORY) private readonly privacy: PrivacyRepositoryPort,
    @Inject(VIDEO_PLATFORM) private readonly platform: VideoPlatformPort,
    @Inject(TRANSACTIONS) private readonly tx: Transactions,
    @Inject(SERVICE_CONFIG) private readonly config: VideoConfig,
  ) {}

  async execute(): Promise<number> {
    const expired = await this.tx.run((tx) => this.privacy.expireClips(tx, this.config.CLIP_RETENTION_DAYS));
    if (expired) this.logger.log(`${expired} clips past their club's retention`);
    const due = await this.privacy.claimDeletions(BATCH, LEASE_MS);
    for (const clip of due) {
      try {
        if (clip.vendorAssetId) await this.platform.deleteAsset(clip.tenantId, clip.vendorAssetId);
        await this.tx.run((tx) => this.privacy.forget(tx, clip.highlightId));
      } catch (error) {
        this.logger.warn(`clip ${clip.highlightId}: ${(error as Error).message}; again in a minute`);
      }
    }
    return due.length;
  }
}
