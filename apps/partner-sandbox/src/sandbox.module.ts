import { Module } from '@nestjs/common';
import { AccessVendorHttpController } from './access-vendor/access-vendor.http.controller';
import { FaultsHttpController } from './faults/faults.http.controller';
import { FaultsService } from './faults/faults.service';
import { WebhookSender } from './webhooks/webhook.sender';

/** The simulated vendors and the admin API that switches their faults. */
@Module({
  controllers: [AccessVendorHttpController, FaultsHttpController],
  providers: [FaultsService, WebhookSender],
})
export class SandboxModule {}
