import type { Transaction } from '@sportclub/service-kit';
import type { ProviderName } from '../../../shared/domain/channels';
import type { WebhookItem } from '../../domain/webhook-items';

export interface StoredWebhook {
  tenantId: string;
  item: WebhookItem;
  receivedAt: string;
  processed: boolean;
}

export interface WebhooksRepositoryPort {
  /** Keeps the item once per provider id; false when it was already kept (a redelivery). */
  insert(tx: Transaction, tenantId: string, item: WebhookItem, rawBody: string): Promise<boolean>;
  find(tx: Transaction, provider: ProviderName, eventId: string): Promise<StoredWebhook | undefined>;
  /** Erases the items a member's phone sent and those about the given provider messages. */
  eraseFor(
    tx: Transaction,
    tenantId: string,
    phone: string | undefined,
    providerMessageIds: string[],
  ): Promise<number>;
  markProcessed(tx: Transaction, provider: ProviderName, eventId: string): Promise<void>;
}

export const WEBHOOKS_REPOSITORY = Symbol('WEBHOOKS_REPOSITORY');
