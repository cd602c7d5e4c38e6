import type { Transaction } from '@sportclub/service-kit';
import type { ProviderName } from '../../../shared/domain/channels';
import type { WebhookItem } from '../../domain/webhook-items';

export interface StoredWebhook {
  /** The item's key: the club whose address it came to, the provider and its id for the event (`WebhookItem.eventId`). */
  tenantId: string;
  provider: ProviderName;
  eventId: string;
  item: WebhookItem;
  receivedAt: string;
}

export interface WebhooksRepositoryPort {
  /**
   * Keeps each item once per club and provider id, in one statement (a NUL in any of its text becomes
   * U+FFFD); answers, per item in order, whether it is new (false: already kept — a redelivery, or an
   * earlier item of the same call).
   */
  insert(
    tx: Transaction,
    items: { tenantId: string; item: WebhookItem; rawBody: string }[],
  ): Promise<boolean[]>;
  /**
   * Up to `limit` items not processed yet that failed fewer than `maxFailures` times, in the order they
   * were stored, locked for this transaction; items another transaction holds are passed over (SKIP
   * LOCKED).
   */
  takeUnprocessed(tx: Transaction, limit: number, maxFailures: number): Promise<StoredWebhook[]>;
  /** Erases the items a member's phone sent and those about the given provider messages. */
  eraseFor(
    tx: Transaction,
    tenantId: string,
    phone: string | undefined,
    providerMessageIds: string[],
  ): Promise<number>;
  markProcessed(tx: Transaction, items: StoredWebhook[]): Promise<void>;
  /** Counts a failed processing of the item, keeping its error. */
  recordFailure(tx: Transaction, item: StoredWebhook, error: string): Promise<void>;
  /** Deletes up to `limit` items processed before `before`, answering how many. */
  prune(tx: Transaction, before: Date, limit: number): Promise<number>;
}

export const WEBHOOKS_REPOSITORY = Symbol('WEBHOOKS_REPOSITORY');
