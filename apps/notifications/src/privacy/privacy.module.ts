import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { ApplyRetentionHandler } from './application/apply-retention/apply-retention.handler';
import { EraseMemberDataHandler } from './application/erase-member-data/erase-member-data.handler';
import { ExportMemberDataHandler } from './application/export-member-data/export-member-data.handler';
import { PrivacyCommandsHandler } from './interface/privacy.commands.handler';
import { RetentionScheduler } from './interface/retention.scheduler';

/** LGPD: a member's access to, and erasure of, what notifications keeps about them; retention. */
@Module({
  imports: [ContactsModule, DeliveriesModule, WebhooksModule],
  controllers: [PrivacyCommandsHandler],
  providers: [ExportMemberDataHandler, EraseMemberDataHandler, ApplyRetentionHandler, RetentionScheduler],
})
export class PrivacyModule {}
