import type { Transaction } from '@sportclub/service-kit';

/** A session's end and its settlement, which arrive on two topics in either order. */
export interface SessionReceipt {
  sessionId: string;
  memberId: string;
  courtId?: string;
  /** From the check-in that opened the session. */
  courtName?: string;
  startedAt?: string;
  endedAt?: string;
  consumptionCentavos?: number;
  chargedCentavos?: number;
  unpaidCentavos?: number;
}

export interface SessionReceiptsRepositoryPort {
  /**
   * Merges what is known now into the session's row (locked) and answers it whole — unless its receipt
   * was already sent, then undefined.
   */
  merge(tx: Transaction, tenantId: string, part: SessionReceipt): Promise<SessionReceipt | undefined>;
  /** Erases the member's receipts, answering how many. */
  eraseMember(tx: Transaction, tenantId: string, memberId: string): Promise<number>;
  markSent(tx: Transaction, tenantId: string, sessionId: string): Promise<void>;
  /** Deletes up to `limit` rows first written before `before` (sent, or their other half never came). */
  prune(tx: Transaction, before: Date, limit: number): Promise<number>;
}

export const SESSION_RECEIPTS_REPOSITORY = Symbol('SESSION_RECEIPTS_REPOSITORY');
