import { Inject, Injectable } from '@nestjs/common';
import { VideoHighlightFailedV1, VideoHighlightReadyV1 } from '@sportclub/contracts';
import type { Transaction } from '@sportclub/service-kit';
import { OUTBOX, type OutboxPort } from '../../shared/application/ports/outbox.port';
import { HIGHLIGHTS_REPOSITORY, type HighlightsRepositoryPort } from './ports/highlights.repository.port';

/**
 * A clip's outcome applied to its highlight, with the event members and notifications wait for, in the
 * caller's transaction. The vendor's webhook, the check of clips whose webhook never came and the clip
 * step's refusal all end a highlight here, so each ends once whichever comes first.
 */
@Injectable()
export class ClipOutcomes {
  constructor(
    @Inject(HIGHLIGHTS_REPOSITORY) private readonly highlights: HighlightsRepositoryPort,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
  ) {}

  /** The clip `vendorAssetId` is playable: `video.highlight.ready.v1`. False when no highlight waited for it. */
  async ready(
    tx: Transaction,
    vendorAssetId: string,
    clip: { playbackId: string; durationSeconds: number },
  ): Promise<boolean> {
    const h = await this.highlights.markReady(tx, vendorAssetId, clip);
    if (!h) return false;
    await this.outbox.publish(
      tx,
      VideoHighlightReadyV1.envelope({
        source: 'video',
        subject: h.highlightId,
        tenantId: h.tenantId,
        data: {
          highlightId: h.highlightId,
          streamId: h.streamId,
          courtId: h.courtId,
          cameraId: h.cameraId,
          pressedAt: h.pressedAt,
          startSeconds: h.startSeconds,
          durationSeconds: clip.durationSeconds,
          memberIds: h.memberIds,
        },
      }),
    );
    return true;
  }

  /** The clip failed (`reason`, ≤ 500 characters kept): `video.highlight.failed.v1`. False when already ended. */
  async failed(
    tx: Transaction,
    which: { highlightId?: string; vendorAssetId?: string },
    reason: string,
  ): Promise<boolean> {
    const h = await this.highlights.markFailed(tx, which, reason);
    if (!h) return false;
    await this.outbox.publish(
      tx,
      VideoHighlightFailedV1.envelope({
        source: 'video',
        subject: h.highlightId,
        tenantId: h.tenantId,
        data: { highlightId: h.highlightId, courtId: h.courtId, reason: reason.slice(0, 500) },
      }),
    );
    return true;
  }
}
