import { Controller } from '@nestjs/common';
import { NotificationsProcessWebhookV1 } from '@sportclub/contracts';
import { OnCommand } from '@sportclub/messaging';
import { WebhooksProcessor } from './webhooks.processor';

/**
 * `notifications.process-webhook.v1`, the per-item step versions before the batch processor wrote with
 * each stored item. Such an item is still unprocessed in `provider_webhook`, so a leftover step only
 * wakes the processor (the contract stays published: its schema is locked).
 */
@Controller()
export class WebhooksCommandsHandler {
  constructor(private readonly processor: WebhooksProcessor) {}

  @OnCommand(NotificationsProcessWebhookV1, { callsVendor: true })
  processWebhook(): undefined {
    this.processor.kick();
    return undefined;
  }
}
