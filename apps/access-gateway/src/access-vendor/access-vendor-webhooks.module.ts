import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { AccessVendorModule } from './access-vendor.module';
import { ReceiveVendorEventHandler } from './application/receive-vendor-event/receive-vendor-event.handler';
import { AccessVendorWebhookController } from './interface/access-vendor.webhook.controller';

/** The vendor's signed webhooks; a check-out at the door closes the session (sessions context). */
@Module({
  imports: [AccessVendorModule, SessionsModule],
  controllers: [AccessVendorWebhookController],
  providers: [ReceiveVendorEventHandler],
})
export class AccessVendorWebhooksModule {}
