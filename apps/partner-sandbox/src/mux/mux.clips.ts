/**
 * The clip window rules of Mux's asset-based clipping (docs.mux.com, "Create clips from your videos"):
 * a clip is `POST /video/v1/assets` with `input: [{ url: 'mux://assets/{asset_id}', start_time,
 * end_time }]`, times in seconds from the start of the source asset. For a live stream's recording the
 * source is its active asset, whose timeline is the content recorded so far. Pure: no clock of its own.
 *
 * Clipping a recording still in progress past its live edge is the sandbox's reading of Mux's live
 * clipping, not a documented contract: Mux's guide clips live recordings but does not say what a window
 * ending past the live edge does. The sandbox takes it and waits: the clip stays `preparing` until the
 * recording reaches `end_time` (then it is cut and prepared as any clip); if the stream ends first, the
 * clip is cut at what was recorded, or fails when the recording never reached `start_time` (clipCut).
 * A finished source is never waited for: a window past its duration is refused.
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
 * The window a clip asks for, or why it cannot be taken: `start_time` defaults to 0 and `end_time` to
 * the source's duration (its live edge while recording); 0 ≤ start < end. A finished source must hold
 * the window: end ≤ its duration. A recording in progress takes a window ending past its live edge
 * (its start too, when `end_time` is given): the clip waits for the recording (see clipCut).
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
  // Past a live edge only with an explicit end: without one the window would end where it starts.
  if (startTime >= available && (!source.live || requested.end_time === undefined)) {
    return { problem: `start_time (${startTime}) must be less than ${what} (${available} s)` };
  }
  if (endTime <= startTime) {
    return { problem: `end_time (${endTime}) must be greater than start_time (${startTime})` };
  }
  if (endTime > available && !source.live) {
    return { problem: `end_time (${endTime}) must be less than or equal to ${what} (${available} s)` };
  }
  return { startTime, endTime };
}

/**
 * Where a clip stands against its source now: `cut` with the window it covers once the source holds its
 * end; `waitSeconds` of recording still to come while the source records (the sandbox's reading of live
 * clipping, see above); once the recording is over short of the end, cut at what was recorded — or a
 * `problem` (the clip errors) when the recording never reached `start_time`.
 */
export function clipCut(
  window: ClipWindow,
  source: ClipSource,
): { cut: ClipWindow } | { waitSeconds: number } | { problem: string } {
  const recorded = roundSeconds(source.durationSeconds);
  if (recorded >= window.endTime) return { cut: window };
  if (source.live) return { waitSeconds: roundSeconds(window.endTime - recorded) };
  if (recorded > window.startTime) return { cut: { startTime: window.startTime, endTime: recorded } };
  return {
    problem:
      `The live stream ended after ${recorded} s of recording, before the clip's start_time ` +
      `(${window.startTime} s): there is nothing to clip.`,
  };
}
