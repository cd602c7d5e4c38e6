import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { VideoStreamCompletedV1, VideoStreamCreatedV1 } from '@sportclub/contracts';
import { SERVICE_CONFIG, TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import type { VideoConfig } from '../../../config/video.config';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import { nextAction, retryDelayMs, type LiveStream } from '../../domain/court-streams';
import { CAMERAS, type CamerasPort } from '../ports/cameras.port';
import {
  STREAMS_REPOSITORY,
  type ClaimedCourt,
  type CourtState,
  type StreamsRepositoryPort,
} from '../ports/streams.repository.port';
import {
  VIDEO_PLATFORM,
  type VideoPlatformPort,
} from '../../../shared/application/ports/video-platform.port';

/** How long a claimed court is held (beyond the vendor calls' 10 s timeouts) before another pass may take it. */
const LEASE_MS = 60_000;

/**
 * Brings courts' streams in line with their sessions (`nextAction`): asks iot-bridge for an occupied
 * court's cameras, creates a stream per camera at the vendor and hands its key to the camera, or completes
 * an empty court's streams. No transaction is open during a vendor call. A pass that fails (vendor down,
 * iot-bridge silent) leaves the court due again after a backoff (2 s doubling, at most 60 s) until the
 * court's sessions say otherwise — the check-in and the session never wait for it.
 */
@Injectable()
export class ReconcileCourtsHandler {
  private readonly logger = new Logger('Streams');

  constructor(
    @Inject(STREAMS_REPOSITORY) private readonly streams: StreamsRepositoryPort,
    @Inject(VIDEO_PLATFORM) private readonly platform: VideoPlatformPort,
    @Inject(CAMERAS) private readonly cameras: CamerasPort,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
    @Inject(TRANSACTIONS) private readonly tx: Transactions,
    @Inject(SERVICE_CONFIG) private readonly config: VideoConfig,
  ) {}

  /** One pass over the courts due now; answers how many it took. */
  async execute(): Promise<number> {
    const courts = await this.streams.claimCourts(this.config.STREAM_CONCURRENCY, LEASE_MS);
    await Promise.all(courts.map((court) => this.reconcile(court)));
    return courts.length;
  }

  private async reconcile(court: ClaimedCourt): Promise<void> {
    try {
      const state = await this.tx.run((tx) => this.streams.courtState(tx, court.tenantId, court.courtId));
      let action = nextAction(state.openSessionId !== undefined, state.streams);
      if (action.do === 'list-cameras') {
        const cameras = await this.cameras.camerasOf(court.tenantId, court.courtId);
        action = nextAction(true, state.streams, cameras);
      }
      if (action.do === 'create') {
        for (const cameraId of action.cameraIds) await this.create(court, state, cameraId);
      } else if (action.do === 'complete') {
        for (const stream of action.streams) await this.complete(stream);
      }
      await this.tx.run((tx) => this.streams.settle(tx, court, 'done'));
    } catch (error) {
      const message = (error as Error).message;
      const retryInMs = retryDelayMs(court.attempts + 1);
      this.logger.warn(`court ${court.tenantId}/${court.courtId}: ${message}; again in ${retryInMs} ms`);
      await this.tx
        .run((tx) => this.streams.settle(tx, court, { retryInMs, error: message }))
        .catch((e: Error) =>
          this.logger.error(`court ${court.courtId}: recording a failed pass: ${e.message}`),
        );
    }
  }

  private async create(court: ClaimedCourt, state: CourtState, cameraId: string): Promise<void> {
    const sessionId = state.openSessionId!;
    // A stream a crash left `creating` keeps its id: the vendor is asked for it before a new one.
    const stream: LiveStream = state.streams.find(
      (s) => s.cameraId === cameraId && s.status === 'creating',
    ) ?? {
      streamId: randomUUID(),
      tenantId: court.tenantId,
      courtId: court.courtId,
      cameraId,
      sessionId,
      status: 'creating',
      createdAt: new Date().toISOString(),
    };
    if (!state.streams.includes(stream)) await this.tx.run((tx) => this.streams.insertCreating(tx, stream));
    const created = await this.platform.createLiveStream(court.tenantId, {
      streamId: stream.streamId,
      tenantId: court.tenantId,
      courtId: court.courtId,
      sessionId: stream.sessionId,
    });
    const handed = await this.cameras.setStream(court.tenantId, cameraId, {
      streamId: stream.streamId,
      ingestUrl: created.ingestUrl,
      streamKey: created.streamKey,
    });
    if (!handed) this.logger.warn(`camera ${cameraId} of ${court.courtId} is gone: its stream stays unused`);
    await this.tx.run(async (tx) => {
      await this.streams.markOpen(tx, stream.streamId, created.vendorStreamId, created.playbackId);
      await this.outbox.publish(
        tx,
        VideoStreamCreatedV1.envelope({
          source: 'video',
          subject: stream.streamId,
          tenantId: court.tenantId,
          data: {
            streamId: stream.streamId,
            courtId: court.courtId,
            cameraId,
            vendor: 'mux',
            vendorStreamId: created.vendorStreamId,
            sessionId: stream.sessionId,
          },
        }),
      );
    });
  }

  private async complete(stream: LiveStream): Promise<void> {
    // One still `creating` never reached a camera; if the vendor made it, it idles unused.
    if (stream.vendorStreamId) await this.platform.completeLiveStream(stream.tenantId, stream.vendorStreamId);
    await this.cameras.setStream(stream.tenantId, stream.cameraId, null);
    const at = new Date();
    await this.tx.run(async (tx) => {
      await this.streams.markCompleted(tx, stream.streamId, at);
      await this.outbox.publish(
        tx,
        VideoStreamCompletedV1.envelope({
          source: 'video',
          subject: stream.streamId,
          tenantId: stream.tenantId,
          data: {
            streamId: stream.streamId,
            courtId: stream.courtId,
            cameraId: stream.cameraId,
            completedAt: at.toISOString(),
          },
        }),
      );
    });
  }
}
