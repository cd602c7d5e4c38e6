import { Module } from '@nestjs/common';
import { HighlightsModule } from '../highlights/highlights.module';
import { StreamsModule } from '../streams/streams.module';
import { WEBHOOKS_REPOSITORY } from './application/ports/webhooks.repository.port';
import { ProcessWebhooksHandler } from './application/process-webhooks/process-webhooks.handler';
import { ReceiveWebhookHandler } from './application/receive-webhook/receive-webhook.handler';
import { WebhooksRepository } from './infrastructure/webhooks.repository';
import { WebhooksHttpController } from './interface/webhooks.http.controller';
import { WebhooksScheduler } from './interface/webhooks.scheduler';

/** The video vendor's webhooks: verified, stored raw once, applied to streams and highlights. */
@Module({
  imports: [StreamsModule, HighlightsModule],
  controllers: [WebhooksHttpController],
  providers: [
    { provide: WEBHOOKS_REPOSITORY, useClass: WebhooksRepository },
    ReceiveWebhookHandler,
    ProcessWebhooksHandler,
    WebhooksScheduler,
  ],
})
export class WebhooksModule {}
