import { Module } from '@nestjs/common';
import { Outbox } from '@sportclub/outbox';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { VideoConfig } from '../config/video.config';
import { OUTBOX } from '../shared/application/ports/outbox.port';
import { CAMERAS } from './application/ports/cameras.port';
import { STREAMS_REPOSITORY } from './application/ports/streams.repository.port';
import { VIDEO_PLATFORM } from './application/ports/video-platform.port';
import { ReconcileCourtsHandler } from './application/reconcile-court/reconcile-court.handler';
import { RecordSessionHandler } from './application/record-session/record-session.handler';
import { IotCameras } from './infrastructure/iot-cameras.adapter';
import { MuxAdapter } from './infrastructure/mux.adapter';
import { StreamsRepository } from './infrastructure/streams.repository';
import { SessionEventsHandler } from './interface/session-events.handler';
import { StreamsScheduler } from './interface/streams.scheduler';

/** A live stream per court camera while the court has a session; the camera's encoder gets its key. */
@Module({
  controllers: [SessionEventsHandler],
  providers: [
    { provide: OUTBOX, useExisting: Outbox },
    { provide: STREAMS_REPOSITORY, useClass: StreamsRepository },
    {
      provide: VIDEO_PLATFORM,
      inject: [SERVICE_CONFIG],
      useFactory: (config: VideoConfig) => new MuxAdapter(config),
    },
    { provide: CAMERAS, useClass: IotCameras },
    RecordSessionHandler,
    ReconcileCourtsHandler,
    StreamsScheduler,
  ],
})
export class StreamsModule {}
