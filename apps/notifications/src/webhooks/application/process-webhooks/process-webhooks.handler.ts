import { Inject, Injectable, Logger } from '@nestjs/common';
import { NotificationsInboundMessageReceivedV1 } from '@sportclub/contracts';
import { TRANSACTIONS, type Transaction, type Transactions } from '@sportclub/service-kit';
import { OptOutHandler } from '../../../contacts/application/opt-out/opt-out.handler';
import {
  PREFERENCES_REPOSITORY,
  type PreferencesRepositoryPort,
} from '../../../contacts/application/ports/preferences.repository.port';
import { ApplyProviderStatusHandler } from '../../../deliveries/application/apply-provider-status/apply-provider-status.handler';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import { isOptOut } from '../../domain/webhook-items';
import {
  WEBHOOKS_REPOSITORY,
  type StoredWebhook,
  type WebhooksRepositoryPort,
} from '../ports/webhooks.repository.port';

/** Items processed per transaction: an announcement brings three or four status callbacks per message. */
const BATCH = 200;
/** Failed processings after which an item is left, with its error, for an operator. */
const MAX_FAILURES = 5;

/**
 * Processes the stored webhook items not processed yet, oldest first, in batches that each commit once
 * (`provider_webhook` is the queue: SKIP LOCKED lets replicas share it, and an item is processed in the
 * transaction that marks it, so none is processed twice):
 * - a status moves its delivery (ApplyProviderStatusHandler);
 * - an inbound opt-out word withdraws the WhatsApp consent of the club's members with that number;
 * - any other inbound message opens the number's WhatsApp window and becomes an event for the club's staff.
 * When an item fails, its batch is rolled back and run again with each item behind a savepoint: the
 * one that fails is rolled back alone and counted (`failures`, `last_error`), and left after
 * MAX_FAILURES. Answers how many items it processed.
 */
@Injectable()
export class ProcessWebhooksHandler {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @Inject(TRANSACTIONS) private readonly transactions: Transactions,
    @Inject(WEBHOOKS_REPOSITORY) private readonly webhooks: WebhooksRepositoryPort,
    @Inject(PREFERENCES_REPOSITORY) private readonly preferences: PreferencesRepositoryPort,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
    private readonly statuses: ApplyProviderStatusHandler,
    private readonly optOut: OptOutHandler,
  ) {}

  async execute(): Promise<number> {
    let processed = 0;
    for (;;) {
      const batch = await this.transactions
        .run((tx) => this.batch(tx, false))
        // Something in the batch failed: again, each item behind a savepoint, to set the bad one aside.
        .catch(() => this.transactions.run((tx) => this.batch(tx, true)));
      processed += batch.done;
      if (batch.taken < BATCH) return processed;
    }
  }

  /**
   * One batch in `tx`. Plain, an item that fails fails the batch (the usual case costs no savepoints);
   * `isolated`, each item runs behind a savepoint and one that fails is rolled back alone and counted.
   */
  private async batch(tx: Transaction, isolated: boolean): Promise<{ taken: number; done: number }> {
    // Taken oldest first; applied in one global order of the provider messages they lock (a message's own
    // statuses keep their order), so two replicas' batches never wait on each other in a cycle.
    const items = (await this.webhooks.takeUnprocessed(tx, BATCH, MAX_FAILURES)).sort((a, b) =>
      lockKey(a) < lockKey(b) ? -1 : lockKey(a) > lockKey(b) ? 1 : 0,
    );
    const done: StoredWebhook[] = [];
    for (const w of items) {
      if (!isolated) {
        await this.process(tx, w);
        done.push(w);
        continue;
      }
      try {
        await this.transactions.savepoint(tx, (inner) => this.process(inner, w));
        done.push(w);
      } catch (error) {
        const message = (error as Error).message;
        this.logger.error(`webhook ${w.provider}/${w.eventId}: processing failed: ${message}`);
        await this.webhooks.recordFailure(tx, w, message);
      }
    }
    await this.webhooks.markProcessed(tx, done);
    return { taken: items.length, done: done.length };
  }

  private async process(tx: Transaction, { item, tenantId }: StoredWebhook): Promise<void> {
    const flow = { tenantId };
    if (item.type === 'status') {
      await this.statuses.execute(tx, flow, item);
    } else if (isOptOut(item.text)) {
      await this.optOut.execute(tx, tenantId, item.from, 'whatsapp', new Date(item.receivedAt));
    } else {
      await this.preferences.openWhatsAppWindow(tx, tenantId, item.from, new Date(item.receivedAt));
      const [memberId] = await this.preferences.membersWithPhone(tx, tenantId, item.from);
      await this.outbox.publish(
        tx,
        NotificationsInboundMessageReceivedV1.envelope({
          source: 'notifications',
          ...flow,
          subject: item.messageId,
          data: {
            messageId: item.messageId,
            provider: item.provider,
            ...(memberId && { memberId }),
            from: item.from,
            text: item.text,
            receivedAt: item.receivedAt,
          },
        }),
      );
    }
  }
}

/** What processing an item locks first: its provider message (ApplyProviderStatusHandler), or nothing. */
const lockKey = ({ item }: StoredWebhook) =>
  item.type === 'status' ? `${item.provider}\u0000${item.providerMessageId}` : '';
