import { Controller, Inject } from '@nestjs/common';
import { NotificationsProcessWebhookV1, type Envelope } from '@sportclub/contracts';
import { OnCommand, type MessageContext } from '@sportclub/messaging';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import { flowOf } from '../../shared/interface/flow-of';
import { ProcessWebhookHandler } from '../application/process-webhook/process-webhook.handler';

/**
 * A stored webhook item's processing: a local durable step (`callsVendor` — run in this process right
 * after the commit that stored the item, outside the command queue, in its own transaction; the sweep
 * re-runs it if this process dies first). Thousands of status callbacks therefore never queue in front
 * of the gateway's requests on `notifications.commands`.
 */
@Controller()
export class WebhooksCommandsHandler {
  constructor(
    private readonly process: ProcessWebhookHandler,
    @Inject(TRANSACTIONS) private readonly transactions: Transactions,
  ) {}

  @OnCommand(NotificationsProcessWebhookV1, { callsVendor: true })
  async processWebhook(
    envelope: Envelope<NotificationsProcessWebhookV1>,
    ctx: MessageContext,
  ): Promise<undefined> {
    const { provider, eventId } = envelope.data;
    await this.transactions.run((tx) => this.process.execute(tx, flowOf(ctx), provider, eventId));
    return undefined;
  }
}
