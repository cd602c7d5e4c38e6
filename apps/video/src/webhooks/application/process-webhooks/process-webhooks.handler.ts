import { Inject, Injectable, Logger } from '@nestjs/common';
import { VideoHighlightFailedV1, VideoHighlightReadyV1 } from '@sportclub/contracts';
import { TRANSACTIONS, type Transaction, type Transactions } from '@sportclub/service-kit';
import {
  HIGHLIGHTS_REPOSITORY,
  type HighlightsRepositoryPort,
} from '../../../highlights/application/ports/highlights.repository.port';
import type { Highlight } from '../../../highlights/domain/highlight';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import type { VendorEvent } from '../../../shared/application/ports/video-platform.port';
import {
  STREAMS_REPOSITORY,
  type StreamsRepositoryPort,
} from '../../../streams/application/ports/streams.repository.port';
import { WEBHOOKS_REPOSITORY, type WebhooksRepositoryPort } from '../ports/webhooks.repository.port';

/** Webhooks processed per pass, and how long one is held. */
const BATCH = 32;
const LEASE_MS = 30_000;
/** A webhook that outran the record it refers to waits 2 s at a time, this many times, then is dropped. */
const WAITS = 15;
const WAIT_MS = 2_000;

/** The highlight a clip's `passthrough` names (`{"h": "<highlight id>"}`), if it is one of ours. */
function highlightOf(passthrough: unknown): string | undefined {
  if (typeof passthrough !== 'string') return undefined;
  try {
    const h = (JSON.parse(passthrough) as { h?: unknown }).h;
    return typeof h === 'string' ? h : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Applies stored vendor webhooks, each in its own transaction with the events it causes:
 * - `video.asset.created` of a live recording → the stream's recording and its first frame;
 * - `video.asset.ready` of a highlight's clip → `video.highlight.ready.v1`;
 * - `video.asset.errored` of a clip → `video.highlight.failed.v1`.
 * Other types are kept and marked processed. One that refers to a record not written yet (the vendor
 * answered the webhook before our own call returned) waits and is tried again.
 */
@Injectable()
export class ProcessWebhooksHandler {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @Inject(WEBHOOKS_REPOSITORY) private readonly webhooks: WebhooksRepositoryPort,
    @Inject(STREAMS_REPOSITORY) private readonly streams: StreamsRepositoryPort,
    @Inject(HIGHLIGHTS_REPOSITORY) private readonly highlights: HighlightsRepositoryPort,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
    @Inject(TRANSACTIONS) private readonly tx: Transactions,
  ) {}

  async execute(): Promise<number> {
    const due = await this.webhooks.claimDue(BATCH, LEASE_MS);
    for (const { event, attempts } of due) {
      try {
        await this.tx.run(async (tx) => {
          const outcome = await this.apply(tx, event);
          await this.webhooks.settle(
            tx,
            event.id,
            outcome === 'processed'
              ? 'processed'
              : attempts + 1 >= WAITS
                ? { gaveUp: `${event.type}: ${outcome.waitingFor} never appeared` }
                : { retryInMs: WAIT_MS, error: `waiting for ${outcome.waitingFor}` },
          );
        });
      } catch (error) {
        const message = (error as Error).message;
        this.logger.error(`webhook ${event.id} (${event.type}): ${message}`);
        await this.tx.run((tx) =>
          this.webhooks.settle(tx, event.id, {
            retryInMs: Math.min(60_000, 2_000 * 2 ** attempts),
            error: message,
          }),
        );
      }
    }
    return due.length;
  }

  private async apply(
    tx: Transaction,
    { type, data }: VendorEvent,
  ): Promise<'processed' | { waitingFor: string }> {
    const assetId = String(data.id);
    if (type === 'video.asset.created' && typeof data.live_stream_id === 'string') {
      const recording = (data.recording_times as { started_at?: string }[] | undefined)?.[0]?.started_at;
      const startedAt = recording ?? new Date(Number(data.created_at) * 1000).toISOString();
      return (await this.streams.recordRecording(tx, data.live_stream_id, assetId, startedAt))
        ? 'processed'
        : { waitingFor: `live stream ${data.live_stream_id}` };
    }
    const highlightId = highlightOf(data.passthrough);
    if (!highlightId || (type !== 'video.asset.ready' && type !== 'video.asset.errored')) return 'processed';
    if (type === 'video.asset.ready') {
      const playbackId = (data.playback_ids as { id: string; policy: string }[] | undefined)?.find(
        (p) => p.policy === 'signed',
      )?.id;
      const ready =
        playbackId &&
        (await this.highlights.markReady(tx, assetId, {
          playbackId,
          durationSeconds: Number(data.duration),
        }));
      if (ready) {
        await this.outbox.publish(tx, this.readyEvent(ready, Number(data.duration)));
        return 'processed';
      }
    } else {
      const messages = (data.errors as { messages?: string[] } | undefined)?.messages?.join('; ');
      const failed = await this.highlights.markFailed(
        tx,
        { vendorAssetId: assetId },
        messages ?? 'the clip errored',
      );
      if (failed) {
        await this.outbox.publish(
          tx,
          VideoHighlightFailedV1.envelope({
            source: 'video',
            subject: failed.highlightId,
            tenantId: failed.tenantId,
            data: {
              highlightId: failed.highlightId,
              courtId: failed.courtId,
              reason: (messages ?? 'the clip errored').slice(0, 500),
            },
          }),
        );
        return 'processed';
      }
    }
    // Not matched: the clip step has not recorded the vendor's asset id yet, or it is done already.
    const known = await this.highlights.find(tx, highlightId);
    return known?.status === 'requesting' ? { waitingFor: `highlight ${highlightId}` } : 'processed';
  }

  private readyEvent(h: Highlight, durationSeconds: number) {
    return VideoHighlightReadyV1.envelope({
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
        durationSeconds,
        memberIds: h.memberIds,
      },
    });
  }
}
