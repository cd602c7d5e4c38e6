import { Inject, Injectable } from '@nestjs/common';
import { NotificationsProcessWebhookV1 } from '@sportclub/contracts';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import type { WebhookItem } from '../../domain/webhook-items';
import { WEBHOOKS_REPOSITORY, type WebhooksRepositoryPort } from '../ports/webhooks.repository.port';

/**
 * Keeps a verified webhook's items — each once, with the raw body — and, in the same transaction, the
 * local step that processes each new one right after the commit (re-run by the sweep if the process
 * dies first). The provider gets its answer as soon as this commits.
 */
@Injectable()
export class ReceiveWebhookHandler {
  constructor(
    @Inject(TRANSACTIONS) private readonly transactions: Transactions,
    @Inject(WEBHOOKS_REPOSITORY) private readonly webhooks: WebhooksRepositoryPort,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
  ) {}

  async execute(
    tenantId: string,
    items: WebhookItem[],
    rawBody: string,
  ): Promise<{ stored: number; duplicates: number }> {
    return this.transactions.run(async (tx) => {
      let stored = 0;
      for (const item of items) {
        if (!(await this.webhooks.insert(tx, tenantId, item, rawBody))) continue;
        stored++;
        await this.outbox.publish(
          tx,
          NotificationsProcessWebhookV1.envelope({
            source: 'notifications',
            tenantId,
            subject: item.eventId,
            data: { provider: item.provider, eventId: item.eventId },
          }),
        );
      }
      return { stored, duplicates: items.length - stored };
    });
  }
}
