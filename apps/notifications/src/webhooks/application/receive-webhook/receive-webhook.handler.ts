import { Inject, Injectable } from '@nestjs/common';
import { Coalescer } from '@sportclub/outbox';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import type { WebhookItem } from '../../domain/webhook-items';
import { WEBHOOKS_REPOSITORY, type WebhooksRepositoryPort } from '../ports/webhooks.repository.port';

/** Webhooks stored per transaction at most: requests that arrive together commit together. */
const MAX_BATCH = 200;

interface Received {
  tenantId: string;
  items: WebhookItem[];
  rawBody: string;
  stored: number;
  /** Why storing this request failed, when it was stored alone after its group failed. */
  error?: Error;
}

/**
 * Keeps a verified webhook's items — each once, with the raw body — unprocessed: ProcessWebhooksHandler
 * takes them from there. The provider gets its answer as soon as they are committed. Webhooks that
 * arrive while a store is committing are stored together in the next transaction (group commit: one
 * insert and one commit for the lot, instead of one each, when an announcement's callbacks pour in);
 * alone, a webhook is stored at once. A group that fails is stored again request by request, so one
 * bad request fails alone.
 */
@Injectable()
export class ReceiveWebhookHandler {
  private readonly batches = new Coalescer<Received>((batch) => this.store(batch), MAX_BATCH);

  constructor(
    @Inject(TRANSACTIONS) private readonly transactions: Transactions,
    @Inject(WEBHOOKS_REPOSITORY) private readonly webhooks: WebhooksRepositoryPort,
  ) {}

  async execute(
    tenantId: string,
    items: WebhookItem[],
    rawBody: string,
  ): Promise<{ stored: number; duplicates: number }> {
    const received: Received = { tenantId, items, rawBody, stored: 0 };
    await this.batches.add(received);
    if (received.error) throw received.error;
    return { stored: received.stored, duplicates: items.length - received.stored };
  }

  private async store(batch: Received[]): Promise<void> {
    try {
      await this.insert(batch);
    } catch (error) {
      if (batch.length === 1) throw error;
      for (const received of batch) await this.insert([received]).catch((e: Error) => (received.error = e));
    }
  }

  private async insert(batch: Received[]): Promise<void> {
    const rows = batch.flatMap(({ tenantId, items, rawBody }) =>
      items.map((item) => ({ tenantId, item, rawBody })),
    );
    const fresh = await this.transactions.run((tx) => this.webhooks.insert(tx, rows));
    let at = 0;
    for (const received of batch) {
      received.stored = fresh.slice(at, (at += received.items.length)).filter(Boolean).length;
    }
  }
}
