import type { Transaction } from '@sportclub/service-kit';
import type { Provider } from '../../domain/payment';

/** What became of an event: its payment reconciled, or why it never will be processed. */
export type ProviderEventOutcome = 'reconciled' | 'ignored' | 'unprocessable' | 'set-aside';

/** A provider's notification as received and verified, before it is processed. */
export interface ReceivedProviderEvent {
  provider: Provider;
  eventId: string;
  eventType: string;
  /** The payment to look at again; null when the event names none usable. */
  providerRef: string | null;
  /** The request body exactly as received (kept as bytes: whatever it holds, it is stored). */
  body: Buffer;
  /** Decided at once, for an event that names no usable payment: stored as processed. */
  settled?: { outcome: 'ignored' | 'unprocessable'; reason: string };
}

/** A stored event due for processing. */
export interface DueProviderEvent {
  provider: Provider;
  eventId: string;
  providerRef: string;
  attempts: number;
}

/** The providers' webhook events, stored once per provider event id and worked off one at a time. */
export interface ProviderEventRepositoryPort {
  /** Stores the event unless its id was stored before: true when it is new. */
  insert(event: ReceivedProviderEvent): Promise<boolean>;
  /**
   * The next event due now, leased: it is not due again for `leaseSeconds`, so no other processor (a
   * replica) takes it while this one asks the provider with no transaction open. Rows locked by another
   * claim are skipped. The lease ends with one of the marks below, or when it runs out (a crash).
   */
  claimDue(tx: Transaction, leaseSeconds: number): Promise<DueProviderEvent | undefined>;
  /**
   * The payment was reconciled with what its provider says (outcome `reconciled`). Like the marks
   * below, it leaves an event already processed meanwhile (after its lease ran out) as it is.
   */
  markProcessed(tx: Transaction, e: DueProviderEvent): Promise<void>;
  /** The provider refused to tell (a definite refusal, e.g. an unknown reference): never tried again. */
  markUnprocessable(tx: Transaction, e: DueProviderEvent, reason: string): Promise<void>;
  /** Records a failed attempt: tried again after `delaySeconds`, or `set-aside` for good with `giveUp`. */
  retryLater(
    tx: Transaction,
    e: DueProviderEvent,
    failure: { attempts: number; error: string; delaySeconds: number; giveUp: boolean },
  ): Promise<void>;
}

export const PROVIDER_EVENT_REPOSITORY = Symbol('PROVIDER_EVENT_REPOSITORY');
