import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { SharedModule } from '../shared/shared.module';
import { WEBHOOKS_REPOSITORY } from './application/ports/webhooks.repository.port';
import { ProcessWebhooksHandler } from './application/process-webhooks/process-webhooks.handler';
import { ReceiveWebhookHandler } from './application/receive-webhook/receive-webhook.handler';
import { WebhooksRepository } from './infrastructure/webhooks.repository';
import { WebhooksCommandsHandler } from './interface/webhooks.commands.handler';
import { WebhooksHttpController } from './interface/webhooks.http.controller';
import { WebhooksProcessor } from './interface/webhooks.processor';

/** What providers tell this service: delivery statuses and members' inbound WhatsApp messages. */
@Module({
  imports: [SharedModule, ContactsModule, DeliveriesModule],
  controllers: [WebhooksHttpController, WebhooksCommandsHandler],
  providers: [
    { provide: WEBHOOKS_REPOSITORY, useClass: WebhooksRepository },
    ReceiveWebhookHandler,
    ProcessWebhooksHandler,
    WebhooksProcessor,
  ],
  exports: [WEBHOOKS_REPOSITORY],
})
export class WebhooksModule {}
