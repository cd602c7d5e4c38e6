/**
 * The clip window rules of Mux's asset-based clipping (docs.mux.com, "Create clips from your videos"):
 * a clip is `POST /video/v1/assets` with `input: [{ url: 'mux://assets/{asset_id}', start_time,
 * end_time }]`, times in seconds from the start of the source asset. For a live stream's recording the
 * source is its active asset, whose timeline is the content recorded so far. Pure: no clock of its own.
 */

/** One encoder session of a live recording, in ms since the epoch; `endedAt` is null while it lasts. */
export interface RecordingSession {
  startedAt: number;
  endedAt: number | null;
}

/** What a clip is cut from: how much of it there is, and whether that is still growing (live). */
export interface ClipSource {
  /** Seconds of media: the asset's duration, or the live edge of a recording in progress. */
  durationSeconds: number;
  live: boolean;
}

/** The requested window, in seconds from the start of the source asset. */
export interface ClipWindow {
  startTime: number;
  endTime: number;
}

const MUX_CLIP_URL = /^mux:\/\/assets\/([A-Za-z0-9]+)$/;

/** Milliseconds are as fine as the sandbox keeps time. */
export const roundSeconds = (seconds: number): number => Math.round(seconds * 1_000) / 1_000;

/**
 * Seconds of content in a recording: its encoder sessions laid end to end (the gaps while the encoder
 * was away are not part of the asset; Mux's slate insertion is not simulated). `now` closes an open
 * session, in ms since the epoch.
 */
export function recordedSeconds(sessions: readonly RecordingSession[], now: number): number {
  const ms = sessions.reduce((sum, s) => sum + Math.max(0, (s.endedAt ?? now) - s.startedAt), 0);
  return roundSeconds(ms / 1_000);
}

/** The source asset id of a `mux://assets/{asset_id}` input URL, or null for any other URL. */
export function clipSourceAssetId(url: string): string | null {
  return MUX_CLIP_URL.exec(url)?.[1] ?? null;
}

/**
 * The window a clip covers, or why it cannot: `start_time` defaults to 0 and `end_time` to the
 * source's duration (its live edge while recording); 0 ≤ start < end ≤ what has been recorded. A window
 * ending past a live recording's edge is refused rather than waited for: the caller asks again once
 * that much has been recorded.
 */
export function clipWindow(
  requested: { start_time?: number; end_time?: number },
  source: ClipSource,
): ClipWindow | { problem: string } {
  const available = roundSeconds(source.durationSeconds);
  const startTime = requested.start_time ?? 0;
  const endTime = requested.end_time ?? available;
  const what = source.live ? 'the live edge of the source recording' : "the source asset's duration";
  if (startTime < 0) return { problem: 'start_time must be greater than or equal to 0' };
  if (startTime >= available) {
    return { problem: `start_time (${startTime}) must be less than ${what} (${available} s)` };
  }
  if (endTime <= startTime) {
    return { problem: `end_time (${endTime}) must be greater than start_time (${startTime})` };
  }
  if (endTime > available) {
    return { problem: `end_time (${endTime}) must be less than or equal to ${what} (${available} s)` };
  }
  return { startTime, endTime };
}
