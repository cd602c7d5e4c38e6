import type { Envelope } from '@sportclub/contracts';
import type { Transaction } from '@sportclub/service-kit';

/** Integration events leave with the transaction that caused them (the outbox), or not at all. */
export interface EventPublisher {
  publish(tx: Transaction, event: Envelope): Promise<void>;
}

export const EVENT_PUBLISHER = Symbol('EventPublisher');
