import type { Transaction } from '@sportclub/service-kit';
import type { Highlight } from '../../domain/highlight';

/** A court stream the camera is recording into, locked for the press being recorded. */
export interface RecordingStream {
  streamId: string;
  cameraId: string;
  recordingAssetId: string;
  /** The recording's first frame. */
  activeAt: string;
}

export interface HighlightsRepositoryPort {
  /** The court's open streams with a recording, locked until the transaction ends (presses queue here). */
  lockRecordingStreams(tx: Transaction, tenantId: string, courtId: string): Promise<RecordingStream[]>;
  /** The stream's accepted press nearest to `at`, if any. */
  nearestPress(tx: Transaction, streamId: string, at: Date): Promise<Date | undefined>;
  /** Members whose sessions were on the court at `at`. */
  membersOnCourt(tx: Transaction, tenantId: string, courtId: string, at: Date): Promise<string[]>;
  /** False when this press was already recorded for the stream (a repeated press id). */
  insert(tx: Transaction, h: Highlight, press: { pressId: string; deviceId: string }): Promise<boolean>;
  find(tx: Transaction, highlightId: string): Promise<Highlight | undefined>;
  /**
   * The clip step begins: the highlight, still `requesting`, with how many times the step has begun
   * (1 the first time); undefined when it is past that.
   */
  beginClip(tx: Transaction, highlightId: string): Promise<(Highlight & { attempt: number }) | undefined>;
  /**
   * False when it left `requesting` meanwhile (another run recorded it). Its clip is looked up at the
   * vendor `checkAfterMs` later unless its webhook ends it first.
   */
  markRequested(
    tx: Transaction,
    highlightId: string,
    vendorAssetId: string,
    checkAfterMs: number,
  ): Promise<boolean>;
  /**
   * Up to `limit` requested clips due a look at the vendor (skipping those another replica holds and
   * those being deleted), each next due `checkAfterMs` later; `overdue` when requested over a day ago.
   */
  claimClipChecks(
    tx: Transaction,
    limit: number,
    checkAfterMs: number,
  ): Promise<(Highlight & { vendorAssetId: string; overdue: boolean })[]>;
  /** The highlight whose clip this vendor asset is, now ready; undefined when none waits for it. */
  markReady(
    tx: Transaction,
    vendorAssetId: string,
    ready: { playbackId: string; durationSeconds: number },
  ): Promise<Highlight | undefined>;
  /** The highlight (by id, or by its clip's vendor asset), now failed; undefined when already ended. */
  markFailed(
    tx: Transaction,
    which: { highlightId?: string; vendorAssetId?: string },
    error: string,
  ): Promise<Highlight | undefined>;
}

export const HIGHLIGHTS_REPOSITORY = Symbol('HIGHLIGHTS_REPOSITORY');
