import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module';
import { ProviderAccountsModule } from '../provider-accounts/provider-accounts.module';
import { SharedModule } from '../shared/shared.module';
import { TemplatesModule } from '../templates/templates.module';
import { ApplyProviderStatusHandler } from './application/apply-provider-status/apply-provider-status.handler';
import { ChannelProviders } from './application/channel-providers';
import { ListDeliveriesHandler } from './application/list-deliveries/list-deliveries.handler';
import { NotifyMemberHandler } from './application/notify-member/notify-member.handler';
import { DELIVERIES_REPOSITORY } from './application/ports/deliveries.repository.port';
import { PROVIDER_CREDENTIALS } from './application/ports/provider-credentials.port';
import { SEND_RATE } from './application/ports/send-rate.port';
import { SESSION_RECEIPTS_REPOSITORY } from './application/ports/session-receipts.repository.port';
import { ReleaseHeldDeliveriesHandler } from './application/release-held-deliveries/release-held-deliveries.handler';
import { SendDeliveryHandler } from './application/send-delivery/send-delivery.handler';
import { SessionReceiptHandler } from './application/session-receipt/session-receipt.handler';
import {
  ChannelProvidersLifecycle,
  channelProviders,
  MessagingCaller,
} from './infrastructure/channels/channel-providers.factory';
import { ClubCredentials } from './infrastructure/club-credentials';
import { DeliveriesRepository } from './infrastructure/deliveries.repository';
import { PlatformCredentials } from './infrastructure/platform-credentials';
import { RedisSendRate } from './infrastructure/redis-send-rate';
import { SessionReceiptsRepository } from './infrastructure/session-receipts.repository';
import { DeliveriesCommandsHandler } from './interface/deliveries.commands.handler';
import { HeldDeliveriesScheduler } from './interface/held-deliveries.scheduler';
import { MemberEventsHandler } from './interface/member-events.handler';

/** Telling members things: the plan per member, each send through its provider, fall-backs, receipts. */
@Module({
  imports: [SharedModule, ContactsModule, TemplatesModule, ProviderAccountsModule],
  controllers: [MemberEventsHandler, DeliveriesCommandsHandler],
  providers: [
    { provide: DELIVERIES_REPOSITORY, useClass: DeliveriesRepository },
    { provide: SESSION_RECEIPTS_REPOSITORY, useClass: SessionReceiptsRepository },
    { provide: SEND_RATE, useClass: RedisSendRate },
    PlatformCredentials,
    { provide: PROVIDER_CREDENTIALS, useClass: ClubCredentials },
    MessagingCaller,
    ChannelProvidersLifecycle,
    channelProviders,
    ChannelProviders,
    NotifyMemberHandler,
    SendDeliveryHandler,
    SessionReceiptHandler,
    ApplyProviderStatusHandler,
    ListDeliveriesHandler,
    ReleaseHeldDeliveriesHandler,
    HeldDeliveriesScheduler,
  ],
  exports: [
    ApplyProviderStatusHandler,
    PROVIDER_CREDENTIALS,
    NotifyMemberHandler,
    DELIVERIES_REPOSITORY,
    SESSION_RECEIPTS_REPOSITORY,
  ],
})
export class DeliveriesModule {}
