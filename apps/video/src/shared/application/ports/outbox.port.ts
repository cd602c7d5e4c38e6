import type { Envelope } from '@sportclub/contracts';
import type { Transaction } from '@sportclub/service-kit';

/** The transactional outbox: events written in the caller's transaction are published if and only if it commits. */
export interface OutboxPort {
  publish(tx: Transaction, messages: Envelope | Envelope[]): Promise<void>;
}

export const OUTBOX = Symbol('OUTBOX');
