import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import type { VideoConfig } from '../../../config/video.config';
import {
  VIDEO_PLATFORM,
  type VideoPlatformPort,
} from '../../../shared/application/ports/video-platform.port';
import { ClubSigningKeys } from '../club-signing-keys';
import {
  PLAYBACK_REPOSITORY,
  type HighlightView,
  type PlaybackRepositoryPort,
} from '../ports/playback.repository.port';

/** Who asks: a member sees the highlights of courts they were on at the press; staff see the club's. */
export interface Viewer {
  subject: string;
  staff: boolean;
}

export const mayView = (h: Pick<HighlightView, 'memberIds'>, viewer: Viewer): boolean =>
  viewer.staff || h.memberIds.includes(viewer.subject);

/**
 * One highlight for a viewer, with an HLS URL signed for PLAYBACK_TTL_SECONDS once it is ready; undefined
 * when it is not the club's or not the viewer's to see (the caller answers 404 for both).
 */
@Injectable()
export class GetHighlightHandler {
  constructor(
    @Inject(PLAYBACK_REPOSITORY) private readonly playback: PlaybackRepositoryPort,
    @Inject(VIDEO_PLATFORM) private readonly platform: VideoPlatformPort,
    @Inject(TRANSACTIONS) private readonly tx: Transactions,
    @Inject(SERVICE_CONFIG) private readonly config: VideoConfig,
    private readonly keys: ClubSigningKeys,
  ) {}

  async execute(tenantId: string, highlightId: string, viewer: Viewer) {
    const h = await this.tx.run((tx) => this.playback.highlight(tx, tenantId, highlightId));
    if (!h || !mayView(h, viewer)) return undefined;
    const { playbackId, ...view } = h;
    if (h.status !== 'ready' || !playbackId) return view;
    const expiresAt = new Date(Date.now() + this.config.PLAYBACK_TTL_SECONDS * 1000);
    const url = await this.platform.playbackUrl(playbackId, await this.keys.of(tenantId), expiresAt);
    return { ...view, playback: { url, expiresAt: expiresAt.toISOString() } };
  }
}
