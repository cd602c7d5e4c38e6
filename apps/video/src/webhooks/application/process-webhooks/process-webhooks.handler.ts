import { Inject, Injectable, Logger } from '@nestjs/common';
import { TRANSACTIONS, type Transaction, type Transactions } from '@sportclub/service-kit';
import {
  HIGHLIGHTS_REPOSITORY,
  type HighlightsRepositoryPort,
} from '../../../highlights/application/ports/highlights.repository.port';
import { ClipOutcomes } from '../../../highlights/application/clip-outcomes';
import {
  VIDEO_PLATFORM,
  type VendorEvent,
  type VideoPlatformPort,
} from '../../../shared/application/ports/video-platform.port';
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

/** A webhook that keeps failing (not waiting: failing) is retried with backoff this many times, then left. */
const FAILURES = 8;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The highlight a clip's `passthrough` names (`{"h": "<highlight id>"}`), if it is one of ours: anything
 * else (another system's asset in the same Mux environment) is not.
 */
export function highlightOf(passthrough: unknown): string | undefined {
  if (typeof passthrough !== 'string') return undefined;
  try {
    const h = (JSON.parse(passthrough) as { h?: unknown } | null)?.h;
    return typeof h === 'string' && UUID.test(h) ? h : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Applies stored vendor webhooks, each in its own transaction with the events it causes:
 * - `video.asset.created` of a live recording → the stream's recording and its first frame;
 * - `video.asset.ready` of a highlight's clip → `video.highlight.ready.v1`;
 * - `video.asset.errored` of a clip → `video.highlight.failed.v1`.
 * Other types, and assets that are not our clips, are kept and marked processed. One that refers to a
 * record not written yet (the vendor answered the webhook before our own call returned) waits and is
 * tried again; one whose processing fails is retried with backoff, then left with its error.
 */
@Injectable()
export class ProcessWebhooksHandler {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @Inject(WEBHOOKS_REPOSITORY) private readonly webhooks: WebhooksRepositoryPort,
    @Inject(STREAMS_REPOSITORY) private readonly streams: StreamsRepositoryPort,
    @Inject(HIGHLIGHTS_REPOSITORY) private readonly highlights: HighlightsRepositoryPort,
    @Inject(VIDEO_PLATFORM) private readonly platform: VideoPlatformPort,
    private readonly outcomes: ClipOutcomes,
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
        // The message only (a driver's may quote a value; the body stays in the table, not in logs).
        const message = (error as Error).message.slice(0, 200);
        const gaveUp = attempts + 1 >= FAILURES;
        this.logger.error(`webhook ${event.id} (${event.type}): ${message}${gaveUp ? ' (given up)' : ''}`);
        await this.tx.run((tx) =>
          this.webhooks.settle(
            tx,
            event.id,
            gaveUp
              ? { gaveUp: `failed ${FAILURES} times: ${message}` }
              : { retryInMs: Math.min(60_000, 2_000 * 2 ** attempts), error: message },
          ),
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
    const clip = this.platform.assetOf(data);
    const ended =
      clip.status === 'ready'
        ? await this.outcomes.ready(tx, assetId, clip)
        : clip.status === 'errored' &&
          (await this.outcomes.failed(tx, { vendorAssetId: assetId }, clip.reason));
    if (ended) return 'processed';
    // Not matched: the clip step has not recorded the vendor's asset id yet, or it is done already.
    const known = await this.highlights.find(tx, highlightId);
    return known?.status === 'requesting' ? { waitingFor: `highlight ${highlightId}` } : 'processed';
  }
}
