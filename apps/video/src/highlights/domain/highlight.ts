/**
 * A highlight: the play a player marked with the court's button, cut from the court's recording. Seed
 * 000: from 10 s before the press, 30 s long, never before the recording's start.
 */
export const LEAD_SECONDS = 10;
export const CLIP_SECONDS = 30;

/** Seconds into the recording, to the millisecond. */
const seconds = (ms: number) => Math.round(ms) / 1000;

/**
 * The clip's window in the stream's recording (seconds from its first frame, `recordingStartedAt`): it
 * ends 20 s after the press, so the vendor finishes it once the recording has passed that point.
 */
export function clipWindow(
  pressedAt: Date,
  recordingStartedAt: Date,
): { startSeconds: number; endSeconds: number } {
  const sincePress = pressedAt.getTime() - recordingStartedAt.getTime();
  const start = Math.max(0, sincePress - LEAD_SECONDS * 1000);
  return { startSeconds: seconds(start), endSeconds: seconds(start + CLIP_SECONDS * 1000) };
}

/**
 * A press within `debounceMs` of the stream's last accepted press (either side: presses arrive out of
 * order across partitions) is part of the same play — a burst of presses, or a panel repeating one.
 */
export function isDebounced(pressedAt: Date, lastPressedAt: Date | undefined, debounceMs: number): boolean {
  return lastPressedAt !== undefined && Math.abs(pressedAt.getTime() - lastPressedAt.getTime()) < debounceMs;
}

export type HighlightStatus = 'requesting' | 'requested' | 'ready' | 'failed';

export interface Highlight {
  highlightId: string;
  tenantId: string;
  courtId: string;
  streamId: string;
  cameraId: string;
  /** The recording the clip is cut from (the vendor's asset id). */
  sourceAssetId: string;
  pressedAt: string;
  startSeconds: number;
  endSeconds: number;
  memberIds: string[];
  status: HighlightStatus;
  vendorAssetId?: string;
}
