import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { VideoClipHighlightV1 } from '@sportclub/contracts';
import { SERVICE_CONFIG, type Transaction } from '@sportclub/service-kit';
import type { VideoConfig } from '../../../config/video.config';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import { clipWindow, isDebounced, type Highlight } from '../../domain/highlight';
import { HIGHLIGHTS_REPOSITORY, type HighlightsRepositoryPort } from '../ports/highlights.repository.port';

export interface Press {
  tenantId: string;
  courtId: string;
  deviceId: string;
  /** The panel's id for the press (the same when it repeats it), else the event's. */
  pressId: string;
  pressedAt: string;
}

/** What became of a press: clips asked for (one per recording camera), or why none. */
export type PressOutcome = 'clipped' | 'no-stream' | 'debounced' | 'repeated';

/**
 * A press of a court's button (in the inbox's transaction): for each of the court's recording streams,
 * a highlight from 10 s before the press, 30 s long, unless the press repeats one already recorded or
 * falls within HIGHLIGHT_DEBOUNCE_MS of the stream's last accepted press. The clip is asked for by a
 * local durable step right after the commit. A court with no recording stream gets nothing (logged): the
 * press is not an error and is never retried.
 */
@Injectable()
export class RecordPressHandler {
  private readonly logger = new Logger('Highlights');

  constructor(
    @Inject(HIGHLIGHTS_REPOSITORY) private readonly highlights: HighlightsRepositoryPort,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
    @Inject(SERVICE_CONFIG) private readonly config: VideoConfig,
  ) {}

  async execute(tx: Transaction, press: Press): Promise<PressOutcome> {
    const streams = await this.highlights.lockRecordingStreams(tx, press.tenantId, press.courtId);
    if (!streams.length) {
      this.logger.log(
        `press on ${press.tenantId}/${press.courtId} by ${press.deviceId}: no stream is recording`,
      );
      return 'no-stream';
    }
    const at = new Date(press.pressedAt);
    const memberIds = await this.highlights.membersOnCourt(tx, press.tenantId, press.courtId, at);
    let outcome: PressOutcome = 'debounced';
    for (const stream of streams) {
      const last = await this.highlights.nearestPress(tx, stream.streamId, at);
      if (isDebounced(at, last, this.config.HIGHLIGHT_DEBOUNCE_MS)) continue;
      const highlight: Highlight = {
        highlightId: randomUUID(),
        tenantId: press.tenantId,
        courtId: press.courtId,
        streamId: stream.streamId,
        cameraId: stream.cameraId,
        sourceAssetId: stream.recordingAssetId,
        pressedAt: at.toISOString(),
        ...clipWindow(at, new Date(stream.activeAt)),
        memberIds,
        status: 'requesting',
      };
      if (!(await this.highlights.insert(tx, highlight, press))) {
        outcome = 'repeated';
        continue;
      }
      outcome = 'clipped';
      await this.outbox.publish(
        tx,
        VideoClipHighlightV1.envelope({
          source: 'video',
          subject: highlight.highlightId,
          tenantId: press.tenantId,
          data: { highlightId: highlight.highlightId },
        }),
      );
    }
    return outcome;
  }
}
