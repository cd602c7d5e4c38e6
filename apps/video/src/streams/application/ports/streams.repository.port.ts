import type { Transaction } from '@sportclub/service-kit';
import type { LiveStream } from '../../domain/court-streams';

/** A member's session on a court, as access-gateway announced it (either event may come first). */
export interface SessionFact {
  tenantId: string;
  sessionId: string;
  courtId: string;
  memberId: string;
  startedAt?: string;
  endedAt?: string;
}

/** A court the worker holds for a while (its lease), to bring its streams in line. */
export interface ClaimedCourt {
  tenantId: string;
  courtId: string;
  /** Failed passes in a row before this one. */
  attempts: number;
  /** The court's session-change count when claimed (bigint, as text). */
  version: string;
}

/** What should be and what is, for one court. */
export interface CourtState {
  /** An open session on the court (the newest), or undefined when none is open. */
  openSessionId?: string;
  /** Its streams not completed yet (`creating` ones included). */
  streams: LiveStream[];
}

export interface StreamsRepositoryPort {
  /** Records a session's start or end (idempotent) and makes its court due now. */
  recordSession(tx: Transaction, fact: SessionFact): Promise<void>;
  /** Leases up to `limit` due courts for `leaseMs`, oldest due first. */
  claimCourts(limit: number, leaseMs: number): Promise<ClaimedCourt[]>;
  courtState(tx: Transaction, tenantId: string, courtId: string): Promise<CourtState>;
  /** A stream about to be created at the vendor (kept if the process dies: the next pass reuses its id). */
  insertCreating(tx: Transaction, stream: LiveStream): Promise<void>;
  markOpen(tx: Transaction, streamId: string, vendorStreamId: string, playbackId: string): Promise<void>;
  markCompleted(tx: Transaction, streamId: string, at: Date): Promise<void>;
  /**
   * The recording the vendor started for a stream (its first frame at `startedAt`): highlights are cut
   * from it. False when no stream has that vendor id (yet: the vendor's webhook can outrun our record).
   */
  recordRecording(
    tx: Transaction,
    vendorStreamId: string,
    assetId: string,
    startedAt: string,
  ): Promise<boolean>;
  /** The court is in line (nothing due until a session changes), or tried again after `retryInMs`. */
  settle(
    tx: Transaction,
    court: ClaimedCourt,
    outcome: { retryInMs: number; error: string } | 'done',
  ): Promise<void>;
}

export const STREAMS_REPOSITORY = Symbol('STREAMS_REPOSITORY');
