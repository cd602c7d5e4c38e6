import type { Transaction } from '../../../shared/application/ports/transaction.port';
import type { Provider } from '../../domain/payment';

/** A provider's notification as received and verified, before it is processed. */
export interface ReceivedProviderEvent {
  provider: Provider;
  eventId: string;
  providerRef: string;
  /** The request body exactly as received. */
  body: Buffer;
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
  /** The next event due now, locked (SKIP LOCKED: replicas share the work) until the transaction ends. */
  claimDue(tx: Transaction): Promise<DueProviderEvent | undefined>;
  markProcessed(tx: Transaction, e: DueProviderEvent): Promise<void>;
  /** Records a failed attempt: tried again after `delaySeconds`, or set aside for good with `giveUp`. */
  retryLater(
    tx: Transaction,
    e: DueProviderEvent,
    failure: { attempts: number; error: string; delaySeconds: number; giveUp: boolean },
  ): Promise<void>;
}

export const PROVIDER_EVENT_REPOSITORY = Symbol('PROVIDER_EVENT_REPOSITORY');
