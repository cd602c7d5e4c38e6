import type { Envelope } from '@sportclub/contracts';
import type { ReplyAddress } from '@sportclub/outbox';
import type { Transaction } from '@sportclub/service-kit';

/**
 * The transactional outbox: events and replies written in the caller's transaction are published if and
 * only if it commits (libs/outbox's `Outbox` is the implementation).
 */
export interface OutboxPort {
  publish(tx: Transaction, messages: Envelope | Envelope[]): Promise<void>;
  reply(tx: Transaction, envelope: Envelope, to: ReplyAddress): Promise<void>;
}

export const OUTBOX = Symbol('OUTBOX');
