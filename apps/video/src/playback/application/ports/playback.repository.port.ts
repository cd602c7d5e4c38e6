import type { Sealed, Transaction } from '@sportclub/service-kit';

/** A highlight as its viewers see it; `playbackId` once ready. */
export interface HighlightView {
  highlightId: string;
  courtId: string;
  cameraId: string;
  pressedAt: string;
  status: 'requested' | 'ready' | 'failed';
  durationSeconds?: number;
  memberIds: string[];
  playbackId?: string;
  reason?: string;
  createdAt: string;
}

export interface HighlightsQuery {
  /** Only highlights this member was on the court for. */
  memberId?: string;
  courtId?: string;
  limit: number;
}

export interface PlaybackRepositoryPort {
  /** The club's highlight (never another club's), asked for `requesting` ones too (shown as requested). */
  highlight(tx: Transaction, tenantId: string, highlightId: string): Promise<HighlightView | undefined>;
  highlights(tx: Transaction, tenantId: string, q: HighlightsQuery): Promise<HighlightView[]>;
  signingKey(tx: Transaction, tenantId: string): Promise<{ keyId: string; sealed: Sealed } | undefined>;
  /** False when the club got a key meanwhile (another replica's): the caller reads that one. */
  insertSigningKey(tx: Transaction, tenantId: string, keyId: string, sealed: Sealed): Promise<boolean>;
}

export const PLAYBACK_REPOSITORY = Symbol('PLAYBACK_REPOSITORY');
