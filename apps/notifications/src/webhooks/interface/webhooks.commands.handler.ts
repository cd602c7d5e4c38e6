import { Controller } from '@nestjs/common';
import { NotificationsProcessWebhookV1, type Envelope } from '@sportclub/contracts';
import { OnCommand, type MessageContext } from '@sportclub/messaging';
import { flowOf } from '../../shared/interface/flow-of';
import { ProcessWebhookHandler } from '../application/process-webhook/process-webhook.handler';

/** A stored webhook item's processing, from the service's own queue (retried, then dead-lettered). */
@Controller()
export class WebhooksCommandsHandler {
  constructor(private readonly process: ProcessWebhookHandler) {}

  @OnCommand(NotificationsProcessWebhookV1)
  async processWebhook(
    envelope: Envelope<NotificationsProcessWebhookV1>,
    ctx: MessageContext,
  ): Promise<undefined> {
    await this.process.execute(ctx.manager, flowOf(ctx), envelope.data.provider, envelope.data.eventId);
    return undefined;
  }
}
