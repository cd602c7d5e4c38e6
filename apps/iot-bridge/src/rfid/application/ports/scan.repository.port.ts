import type { Transaction } from '@sportclub/service-kit';
import type { LateRefusal } from '../../../shared/domain/acceptance-window';
import type { ScanAnswer } from '../../domain/scan-answer';

/** A scan as it is first stored: it waits for its answer until `answerWithinMs` has passed. */
export interface NewScan {
  readerId: string;
  scanId: string;
  tenantId: string;
  cardId: string;
  courtId: string;
  correlationId: string;
  scannedAt: Date;
  answerWithinMs: number;
}

export interface PendingAnswer {
  readerId: string;
  scanId: string;
  answer: ScanAnswer;
}

/**
 * The `rfid_scan` rows, keyed by reader and the reader's scan id. A change that leaves an answer to
 * deliver wakes the answer delivery of every replica once its transaction commits.
 */
export interface ScanRepositoryPort {
  /** False when the reader's scan id is known already (nothing is written then). */
  insert(tx: Transaction, scan: NewScan): Promise<boolean>;
  /** A scan the bridge refused itself, stored with that answer (to deliver) and why; false as insert. */
  insertRefused(
    tx: Transaction,
    scan: NewScan,
    refusal: { code: LateRefusal; answer: ScanAnswer },
  ): Promise<boolean>;
  /** A scan repeated after its answer went out: the answer is sent again. */
  redeliver(tx: Transaction, readerId: string, scanId: string): Promise<void>;
  /** The check-in's outcome for the scan of that flow; it replaces a timeout answer, nothing else. */
  answer(tx: Transaction, tenantId: string, correlationId: string, answer: ScanAnswer): Promise<void>;
  /** Scans past their deadline get that answer. */
  timeOut(answer: ScanAnswer): Promise<void>;
  /** Answers not delivered yet and still worth delivering, oldest first, locked for the transaction. */
  claimUndelivered(tx: Transaction, limit: number): Promise<PendingAnswer[]>;
  markDelivered(tx: Transaction, scans: Pick<PendingAnswer, 'readerId' | 'scanId'>[]): Promise<void>;
  /** Forgets scans no reader can repeat any more. */
  prune(): Promise<void>;
}

export const SCAN_REPOSITORY = Symbol('ScanRepository');
