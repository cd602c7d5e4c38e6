import { Module } from '@nestjs/common';
import { CAMERAS } from './application/ports/cameras.port';
import { STREAMS_REPOSITORY } from './application/ports/streams.repository.port';
import { ReconcileCourtsHandler } from './application/reconcile-court/reconcile-court.handler';
import { RecordSessionHandler } from './application/record-session/record-session.handler';
import { IotCameras } from './infrastructure/iot-cameras.adapter';
import { StreamsRepository } from './infrastructure/streams.repository';
import { SessionEventsHandler } from './interface/session-events.handler';
import { StreamsScheduler } from './interface/streams.scheduler';

/** A live stream per court camera while the court has a session; the camera's encoder gets its key. */
@Module({
  controllers: [SessionEventsHandler],
  providers: [
    { provide: STREAMS_REPOSITORY, useClass: StreamsRepository },
    { provide: CAMERAS, useClass: IotCameras },
    RecordSessionHandler,
    ReconcileCourtsHandler,
    StreamsScheduler,
  ],
  exports: [STREAMS_REPOSITORY],
})
export class StreamsModule {}
