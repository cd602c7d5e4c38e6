import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { ListUpcomingEventsHandler } from './application/list-upcoming-events/list-upcoming-events.handler';
import { SYNC_REPOSITORY } from './application/ports/sync.repository.port';
import { UPCOMING_CACHE } from './application/ports/upcoming-cache.port';
import { PullChangesHandler } from './application/pull-changes/pull-changes.handler';
import { ReceivePushHandler } from './application/receive-push/receive-push.handler';
import { RecordBookingHandler } from './application/record-booking/record-booking.handler';
import { ResyncConnectionHandler } from './application/resync-connection/resync-connection.handler';
import { WriteEventsHandler } from './application/write-events/write-events.handler';
import { RedisUpcomingCache } from './infrastructure/redis-upcoming.cache';
import { SyncRepository } from './infrastructure/sync.repository';
import { BookingEventsHandler } from './interface/booking-events.handler';
import { PushNotificationsHttpController } from './interface/push-notifications.http.controller';
import { SyncCommandsHandler } from './interface/sync.commands.handler';
import { PullChangesScheduler, RetentionScheduler, WriteEventsScheduler } from './interface/sync.schedulers';

/** Bookings to Google (sync out) and Google back to bookings (sync back, push channels), reads, re-sync. */
@Module({
  imports: [ConnectionsModule],
  controllers: [BookingEventsHandler, SyncCommandsHandler, PushNotificationsHttpController],
  providers: [
    { provide: SYNC_REPOSITORY, useClass: SyncRepository },
    { provide: UPCOMING_CACHE, useClass: RedisUpcomingCache },
    RecordBookingHandler,
    WriteEventsHandler,
    PullChangesHandler,
    ReceivePushHandler,
    ResyncConnectionHandler,
    ListUpcomingEventsHandler,
    WriteEventsScheduler,
    PullChangesScheduler,
    RetentionScheduler,
  ],
})
export class SyncModule {}
