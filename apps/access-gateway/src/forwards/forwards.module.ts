import { Module } from '@nestjs/common';
import { CourtsModule } from '../courts/courts.module';
import { MembersModule } from '../members/members.module';
import { CalendarConnectionsHttpController } from './interface/calendar-connections.http.controller';
import { HighlightsHttpController } from './interface/highlights.http.controller';
import { VideoPrivacyHttpController } from './interface/video-privacy.http.controller';
import { DevicesHttpController } from './interface/devices.http.controller';
import { NotificationPreferencesHttpController } from './interface/notification-preferences.http.controller';
import { NotificationsHttpController } from './interface/notifications.http.controller';
import { ProviderAccountsHttpController } from './interface/provider-accounts.http.controller';
import { WalletHttpController } from './interface/wallet.http.controller';

/** Routes answered by the service that owns them (payments, iot-bridge, notifications, calendar-sync) over RabbitMQ request/reply. */
@Module({
  imports: [CourtsModule, MembersModule],
  controllers: [
    WalletHttpController,
    DevicesHttpController,
    NotificationPreferencesHttpController,
    NotificationsHttpController,
    ProviderAccountsHttpController,
    CalendarConnectionsHttpController,
    HighlightsHttpController,
    VideoPrivacyHttpController,
  ],
})
export class ForwardsModule {}
