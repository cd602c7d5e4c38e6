import { Inject, Injectable } from '@nestjs/common';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import type { WebhookItem } from '../../domain/webhook-items';
import { WEBHOOKS_REPOSITORY, type WebhooksRepositoryPort } from '../ports/webhooks.repository.port';

/**
 * Keeps a verified webhook's items — each once, with the raw body — unprocessed: ProcessWebhooksHandler
 * takes them from there. The provider gets its answer as soon as this commits.
 */
@Injectable()
export class ReceiveWebhookHandler {
  constructor(
    @Inject(TRANSACTIONS) private readonly transactions: Transactions,
    @Inject(WEBHOOKS_REPOSITORY) private readonly webhooks: WebhooksRepositoryPort,
  ) {}

  async execute(
    tenantId: string,
    items: WebhookItem[],
    rawBody: string,
  ): Promise<{ stored: number; duplicates: number }> {
    return this.transactions.run(async (tx) => {
      let stored = 0;
      for (const item of items) {
        if (await this.webhooks.insert(tx, tenantId, item, rawBody)) stored++;
      }
      return { stored, duplicates: items.length - stored };
    });
  }
}
