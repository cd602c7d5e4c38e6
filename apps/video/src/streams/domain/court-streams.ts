/**
 * A court's live streams, reconciled: while any member's session on the court is open, each of the
 * court's cameras has one open stream at the video vendor; when the last session ends, every open stream
 * is completed. Session events only record what happened (duplicates and reordering change nothing);
 * a worker compares what should be with what is, acts, and tries again later when the vendor fails.
 */

/** A stream as this service records it. `vendorStreamId` unset: not created at the vendor yet. */
export interface LiveStream {
  streamId: string;
  tenantId: string;
  courtId: string;
  cameraId: string;
  /** The session whose start opened it. */
  sessionId: string;
  vendorStreamId?: string;
  playbackId?: string;
  status: 'creating' | 'open' | 'completed';
  /** When the vendor saw the encoder connect: the recording's second 0 (clips are cut relative to it). */
  activeAt?: string;
  createdAt: string;
  completedAt?: string;
}

/** What the worker does for a court now. */
export type CourtAction =
  | { do: 'list-cameras' }
  | { do: 'create'; cameraIds: string[] }
  | { do: 'complete'; streams: LiveStream[] }
  | { do: 'nothing' };

/**
 * The next step for a court: `cameras` is undefined until asked (the registry is iot-bridge's). A stream
 * left `creating` by a crash is created again under its own id (the adapter finds it at the vendor first,
 * by its passthrough, so a crash after the vendor's answer makes no second stream).
 */
export function nextAction(occupied: boolean, open: LiveStream[], cameras?: string[]): CourtAction {
  if (!occupied) return open.length ? { do: 'complete', streams: open } : { do: 'nothing' };
  if (!cameras) return { do: 'list-cameras' };
  const covered = new Set(open.filter((s) => s.status === 'open').map((s) => s.cameraId));
  const missing = cameras.filter((c) => !covered.has(c));
  return missing.length ? { do: 'create', cameraIds: missing } : { do: 'nothing' };
}

/** After a failed pass: the next try in 2 s, doubling, at most a minute apart (a session lasts an hour). */
export const retryDelayMs = (attempts: number): number =>
  Math.min(2_000 * 2 ** Math.max(0, attempts - 1), 60_000);
