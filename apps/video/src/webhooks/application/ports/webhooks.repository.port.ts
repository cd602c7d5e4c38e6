import type { Transaction } from '@sportclub/service-kit';
import type { VendorEvent } from '../../../shared/application/ports/video-platform.port';

/** A stored webhook due for processing (leased to this pass). */
export interface DueWebhook {
  event: VendorEvent;
  /** Failed or postponed passes before this one. */
  attempts: number;
}

export type WebhookOutcome = 'processed' | { retryInMs: number; error: string } | { gaveUp: string };

export interface WebhooksRepositoryPort {
  /** Stores a verified webhook as received; false when this event id was already stored (a redelivery). */
  insert(tx: Transaction, vendor: string, event: VendorEvent, rawBody: string): Promise<boolean>;
  claimDue(limit: number, leaseMs: number): Promise<DueWebhook[]>;
  settle(tx: Transaction, eventId: string, outcome: WebhookOutcome): Promise<void>;
}

export const WEBHOOKS_REPOSITORY = Symbol('WEBHOOKS_REPOSITORY');
