import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { messageRegistry, VideoClipHighlightV1, VideoHighlightRefusedV1 } from '@sportclub/contracts';
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
  /** The panel's own id for the press, when the event carried one: only then can the panel be answered. */
  requestId?: string;
  pressedAt: string;
  /** The press event's flow, which a refusal follows. */
  correlationId?: string;
  causationId?: string;
}

/** What became of a press: clips asked for (one per recording camera), or why none. */
export type PressOutcome = 'clipped' | 'no-stream' | 'debounced' | 'repeated';

/**
 * A press of a court's button (in the inbox's transaction): for each of the court's recording streams,
 * a highlight from 10 s before the press, 30 s long, unless the press repeats one already recorded or
 * falls within HIGHLIGHT_DEBOUNCE_MS of the stream's last accepted press. The clip is asked for by a
 * local durable step right after the commit. A court with no recording stream gets no clip: the press
 * is logged and, when it carried the panel's request id, refused with `video.highlight.refused.v1`
 * (`no-recording`) in the same transaction, for iot-bridge to answer the panel. It is not an error and
 * is never retried.
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
    const at = new Date(press.pressedAt);
    // Only recordings that had begun at the press hold its play (a press replayed or delayed from
    // before them would clip their first 30 s instead).
    const streams = (await this.highlights.lockRecordingStreams(tx, press.tenantId, press.courtId)).filter(
      (s) => new Date(s.activeAt).getTime() <= at.getTime(),
    );
    if (!streams.length) {
      await this.refuseNoRecording(tx, press);
      return 'no-stream';
    }
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

  /**
   * Tells the panel, through iot-bridge, that nothing records on its court. A press without the panel's
   * request id (an older event) cannot be answered, nor one whose refusal would not validate (a device
   * id no panel can have): both are only logged, so the press never fails.
   */
  private async refuseNoRecording(tx: Transaction, press: Press): Promise<void> {
    const where = `press on ${press.tenantId}/${press.courtId} by ${press.deviceId}`;
    if (press.requestId === undefined) {
      this.logger.log(`${where}: no stream is recording (no request id, the panel is not answered)`);
      return;
    }
    const refusal = VideoHighlightRefusedV1.envelope({
      source: 'video',
      subject: press.deviceId,
      tenantId: press.tenantId,
      correlationId: press.correlationId,
      causationId: press.causationId,
      data: {
        deviceId: press.deviceId,
        requestId: press.requestId,
        courtId: press.courtId,
        code: 'no-recording',
        reason: 'no camera of the court is recording',
      },
    });
    const valid = messageRegistry.validate(refusal);
    if (!valid.ok) {
      this.logger.warn(`${where}: no stream is recording, the panel cannot be answered: ${valid.reason}`);
      return;
    }
    this.logger.log(`${where}: no stream is recording, press ${press.requestId} refused`);
    await this.outbox.publish(tx, refusal);
  }
}
