import type { Transaction } from '@sportclub/service-kit';

export interface Erased {
  highlights: number;
  sharedHighlights: number;
  sessions: number;
}

/** A clip to delete (at the vendor when it got that far, then here). */
export interface ClipToDelete {
  highlightId: string;
  tenantId: string;
  vendorAssetId?: string;
}

export interface PrivacyRepositoryPort {
  /** Clips only this member was on the court for → to delete; they leave the others'; ended sessions go. */
  eraseMember(tx: Transaction, tenantId: string, memberId: string): Promise<Erased>;
  setClipRetention(tx: Transaction, tenantId: string, days: number, setBy: string): Promise<void>;
  /** The club's own clip retention in days, if its admin set one. */
  clipRetention(tx: Transaction, tenantId: string): Promise<number | undefined>;
  /** Marks the clips past their club's retention (else `defaultDays`) for deletion; answers how many. */
  expireClips(tx: Transaction, defaultDays: number): Promise<number>;
  /** Leases up to `limit` clips marked for deletion. */
  claimDeletions(limit: number, leaseMs: number): Promise<ClipToDelete[]>;
  /** The clip is gone at the vendor: its row goes too. */
  forget(tx: Transaction, highlightId: string): Promise<void>;
}

export const PRIVACY_REPOSITORY = Symbol('PRIVACY_REPOSITORY');
