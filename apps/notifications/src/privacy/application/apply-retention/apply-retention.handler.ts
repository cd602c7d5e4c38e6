import { Inject, Injectable } from '@nestjs/common';
import { TRANSACTIONS, type Transaction, type Transactions } from '@sportclub/service-kit';
import {
  DELIVERIES_REPOSITORY,
  type DeliveriesRepositoryPort,
} from '../../../deliveries/application/ports/deliveries.repository.port';
import {
  SESSION_RECEIPTS_REPOSITORY,
  type SessionReceiptsRepositoryPort,
} from '../../../deliveries/application/ports/session-receipts.repository.port';
import {
  WEBHOOKS_REPOSITORY,
  type WebhooksRepositoryPort,
} from '../../../webhooks/application/ports/webhooks.repository.port';

/** How long the buffers are kept: raw webhooks once processed, unmatched statuses, receipt halves. */
const BUFFER_RETENTION_MS = 30 * 86_400_000;
/** Rows deleted per transaction, so a first pass over a large backlog never holds long locks. */
const BATCH = 1_000;

export interface RetentionPass {
  deliveries: number;
  webhooks: number;
  earlyStatuses: number;
  receipts: number;
}

/**
 * Deletes what notifications no longer needs (LGPD art. 15–16: data is kept only while it serves its
 * purpose): finished deliveries with their attempts after `DELIVERY_RETENTION_DAYS`; after 30 days, raw
 * provider webhooks already processed, statuses for messages never recorded here, and session receipts
 * (sent, or whose other half never came). Pending deliveries are never deleted. Deletes in batches of
 * 1,000 rows, one short transaction each, and answers how many rows of each went.
 */
@Injectable()
export class ApplyRetentionHandler {
  constructor(
    @Inject(TRANSACTIONS) private readonly transactions: Transactions,
    @Inject(DELIVERIES_REPOSITORY) private readonly deliveries: DeliveriesRepositoryPort,
    @Inject(SESSION_RECEIPTS_REPOSITORY) private readonly receipts: SessionReceiptsRepositoryPort,
    @Inject(WEBHOOKS_REPOSITORY) private readonly webhooks: WebhooksRepositoryPort,
  ) {}

  async execute(deliveryRetentionDays: number, now = new Date()): Promise<RetentionPass> {
    const records = new Date(now.getTime() - deliveryRetentionDays * 86_400_000);
    const buffers = new Date(now.getTime() - BUFFER_RETENTION_MS);
    return {
      deliveries: await this.drain((tx) => this.deliveries.prune(tx, records, BATCH)),
      webhooks: await this.drain((tx) => this.webhooks.prune(tx, buffers, BATCH)),
      earlyStatuses: await this.drain((tx) => this.deliveries.pruneEarlyStatuses(tx, buffers, BATCH)),
      receipts: await this.drain((tx) => this.receipts.prune(tx, buffers, BATCH)),
    };
  }

  private async drain(batch: (tx: Transaction) => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.transactions.run(batch);
      total += n;
      if (n < BATCH) return total;
    }
  }
}
