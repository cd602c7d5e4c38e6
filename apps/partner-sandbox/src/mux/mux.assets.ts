import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, parseOrBadRequest } from '@sportclub/service-kit';
import type { SandboxConfig } from '../config/sandbox.config';
import {
  clipCut,
  clipSourceAssetId,
  clipWindow,
  recordedSeconds,
  roundSeconds,
  type RecordingSession,
} from './mux.clips';
import { invalidParameters, muxNotFound, notSimulated } from './mux.errors';
import { MuxEvents } from './mux.events';
import { muxId } from './mux.ids';
import {
  assetCreateSchema,
  assetListSchema,
  assetUpdateSchema,
  refuseUnsimulatedAssetOptions,
  requestedPolicies,
  type AssetOptionsInput,
} from './mux.params';
import { MuxPlaybackIds, type PlaybackId } from './mux.playback-ids';

/** The asset options kept and echoed (what `POST /assets` or `new_asset_settings` set). */
export type AssetSettings = Pick<
  AssetOptionsInput,
  | 'passthrough'
  | 'meta'
  | 'video_quality'
  | 'encoding_tier'
  | 'max_resolution_tier'
  | 'normalize_audio'
  | 'test'
>;

/**
 * What a clip is cut from and how: `endTime` is final once `cut` (short of `requestedEndTime` when the
 * live recording it waited for ended first).
 */
export interface ClipRecord {
  sourceAssetId: string;
  url: string;
  startTime: number;
  /** Seconds from the source's start: the requested end until cut, then where the clip ends. */
  endTime: number;
  requestedEndTime: number;
  /** The window is final: the source held its end, or its recording ended short of it. */
  cut: boolean;
  /** How long it stays `preparing` once cut (the delay in force when it was asked for). */
  readyDelayMs: number;
}

/** The longest a timer waits before the clip looks at its source again (setTimeout's own limit). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** One asset as the sandbox keeps it: a live stream's recording, or a clip of another asset. */
export interface AssetRecord {
  id: string;
  /** Unix seconds. */
  createdAt: number;
  /** Creation order, newest-first listings sort on it. */
  seq: number;
  status: 'preparing' | 'ready' | 'errored';
  ingestType: 'live_rtmp' | 'on_demand_clip';
  settings: AssetSettings;
  playbackIds: PlaybackId[];
  trackIds: { video: string; audio: string };
  /** Recordings: the live stream, whether it is still recording, and its encoder sessions. */
  liveStreamId?: string;
  isLive: boolean;
  recording: RecordingSession[];
  /** Clips: the source asset and the window taken from it (seconds from the source's start). */
  clip?: ClipRecord;
  /** Clips: when their create request reached the sandbox (epoch ms), for the video benchmark. */
  receivedAtMs?: number;
  /** Seconds, fixed once known (a clip when ready, a recording when its stream completes). */
  duration?: number;
  errors?: { type: string; messages: string[] };
  deleted: boolean;
  readyTimer?: NodeJS.Timeout;
}

/**
 * Mux Video assets (docs.mux.com/api-reference/video/assets): the recordings live streams make and
 * clips cut from them, with their playback ids, lifecycle webhooks (`video.asset.created`, `ready`,
 * `errored`, `deleted`, `live_stream_completed`) and Mux's resource shape.
 *
 * A clip is `preparing` for the configured delay (`MUX_ASSET_READY_DELAY_MS`, admin-settable), then
 * `ready` with `duration = end_time − start_time`. A recording is `ready` as soon as its stream is
 * active (playable as DVR, `is_live: true`) and final when the stream completes.
 *
 * Clips of a recording in progress whose `end_time` is past its live edge (a highlight asked for at the
 * moment of the press, ending seconds later) are the sandbox's reading of Mux's live clipping, which
 * Mux does not document: the clip is taken, stays `preparing` while the recording catches up, and is
 * cut once the recording reaches `end_time` — `ready` the configured delay after that. If the stream
 * ends first (completed, or idle after its reconnect window), the clip is cut at what was recorded:
 * `ready` with the shorter duration, `input-info` answering the effective `end_time`; if the recording
 * never reached `start_time`, the clip is `errored` (`video.asset.errored`). While the encoder is away
 * within the reconnect window the recording, and the clip, wait. A pending clip whose source is deleted
 * or errored errors too. A finished source is not waited for: an end past its duration is a 400.
 *
 * Not simulated (refused with 400): assets from URL inputs or uploads, several inputs (overlays, audio
 * or text tracks), DRM, static renditions / MP4 support, master access. Tracks, resolution and frame
 * rate are fixed (1080p, 30 fps, stereo).
 */
@Injectable()
export class MuxAssets {
  private readonly assets = new Map<string, AssetRecord>();
  private seq = 0;
  private readyDelayMs: number;

  constructor(
    @Inject(SERVICE_CONFIG) config: SandboxConfig,
    private readonly playbackIds: MuxPlaybackIds,
    private readonly events: MuxEvents,
  ) {
    this.readyDelayMs = config.MUX_ASSET_READY_DELAY_MS;
  }

  /** How long a new clip stays `preparing`, in ms. */
  readyDelay(): number {
    return this.readyDelayMs;
  }

  setReadyDelay(ms: number): void {
    this.readyDelayMs = ms;
  }

  /** `POST /video/v1/assets`: a clip of `mux://assets/{asset_id}` between `start_time` and `end_time`. */
  create(body: unknown) {
    const receivedAtMs = Date.now();
    const input = parseOrBadRequest(assetCreateSchema, body ?? {}, 'invalid_parameters');
    refuseUnsimulatedAssetOptions(input);
    const inputs = input.inputs ?? input.input ?? [];
    if (inputs.length > 1) throw notSimulated('More than one input (overlays, audio or text tracks)');
    const [source] = inputs;
    if (source.overlay_settings !== undefined) throw notSimulated('overlay_settings');
    if (source.generated_subtitles?.length) throw notSimulated('generated_subtitles');
    if (!source.url) throw invalidParameters('input url is required');
    const sourceId = clipSourceAssetId(source.url);
    if (!sourceId) {
      if (/^https?:\/\//i.test(source.url)) {
        throw notSimulated('An asset from a URL input (only clips of mux://assets/{asset_id} are)');
      }
      throw invalidParameters(`input url must be a URL or mux://assets/{asset_id}, not ${source.url}`);
    }
    const from = this.assets.get(sourceId);
    if (!from || from.deleted) throw invalidParameters(`The source asset ${sourceId} does not exist.`);
    if (from.status === 'errored') throw invalidParameters(`The source asset ${sourceId} is errored.`);
    if (from.status !== 'ready') throw invalidParameters(`The source asset ${sourceId} is not ready yet.`);
    const window = clipWindow(
      { start_time: source.start_time, end_time: source.end_time },
      { durationSeconds: this.durationOf(from) ?? 0, live: from.isLive },
    );
    if ('problem' in window) throw invalidParameters(window.problem);

    const asset = this.add({
      ingestType: 'on_demand_clip',
      settings: settingsOf(input),
      policies: requestedPolicies(input),
      isLive: false,
      clip: {
        sourceAssetId: sourceId,
        url: source.url,
        ...window,
        requestedEndTime: window.endTime,
        cut: false,
        readyDelayMs: this.readyDelayMs,
      },
      receivedAtMs,
    });
    this.emit('video.asset.created', asset);
    this.cutClip(asset);
    return this.resource(asset);
  }

  retrieve(id: string) {
    return this.resource(this.live(id));
  }

  /** `GET /video/v1/assets`: newest first, `limit` per page, by `cursor` (or `page`). */
  list(query: unknown) {
    const q = parseOrBadRequest(assetListSchema, query ?? {}, 'invalid_parameters');
    const all = [...this.assets.values()]
      .filter((a) => !a.deleted)
      .filter((a) => !q.live_stream_id || a.liveStreamId === q.live_stream_id)
      // Direct uploads are not simulated: no asset came from one.
      .filter(() => !q.upload_id)
      .sort((a, b) => b.seq - a.seq);
    let start = (q.page - 1) * q.limit;
    if (q.cursor) {
      const after = all.findIndex((a) => a.id === decodeCursor(q.cursor!));
      if (after < 0) throw invalidParameters('cursor is not a cursor this listing issued');
      start = after + 1;
    }
    const data = all.slice(start, start + q.limit);
    const more = start + q.limit < all.length;
    return {
      data: data.map((a) => this.resource(a)),
      next_cursor: more && data.length ? encodeCursor(data[data.length - 1].id) : null,
    };
  }

  /** `PATCH /video/v1/assets/:id`: `passthrough` and `meta`. */
  update(id: string, body: unknown) {
    const asset = this.live(id);
    const input = parseOrBadRequest(assetUpdateSchema, body ?? {}, 'invalid_parameters');
    if (input.passthrough !== undefined) asset.settings.passthrough = input.passthrough;
    if (input.meta !== undefined) asset.settings.meta = input.meta;
    this.emit('video.asset.updated', asset);
    return this.resource(asset);
  }

  /** `DELETE /video/v1/assets/:id`: gone for the API and for playback (and for clips waiting on it). */
  delete(id: string): void {
    const asset = this.live(id);
    asset.deleted = true;
    clearTimeout(asset.readyTimer);
    for (const p of asset.playbackIds) this.playbackIds.remove(p.id);
    this.emit('video.asset.deleted', asset);
    this.cutClipsOf(asset.id);
  }

  /**
   * `GET /video/v1/assets/:id/input-info`: what the asset was made from — a clip's input settings (url,
   * `start_time`, `end_time`: the effective end once a live recording ended short of the requested one)
   * and a file description; a recording has no input file (empty list).
   */
  inputInfo(id: string) {
    const asset = this.live(id);
    if (!asset.clip) return [];
    const { url, startTime, endTime } = asset.clip;
    return [
      {
        settings: { url, start_time: startTime, end_time: endTime },
        file: { container_format: 'mp4', tracks: this.tracks(asset, roundSeconds(endTime - startTime)) },
      },
    ];
  }

  createPlaybackId(id: string, body: unknown): PlaybackId {
    const asset = this.live(id);
    return this.playbackIds.addTo(asset, { type: 'asset', id: asset.id }, body);
  }

  playbackId(id: string, playbackId: string): PlaybackId {
    return this.playbackIds.findIn(this.live(id), playbackId);
  }

  deletePlaybackId(id: string, playbackId: string): void {
    this.playbackIds.removeFrom(this.live(id), playbackId);
  }

  /** A live stream's encoder connected: its recording asset, `preparing` until the stream is active. */
  startRecording(
    liveStreamId: string,
    settings: AssetOptionsInput | undefined,
    startedAt: number,
  ): AssetRecord {
    const asset = this.add({
      ingestType: 'live_rtmp',
      settings: settingsOf(settings ?? {}),
      policies: settings ? requestedPolicies(settings) : [],
      isLive: true,
      liveStreamId,
    });
    asset.recording.push({ startedAt, endedAt: null });
    this.emit('video.asset.created', asset);
    return asset;
  }

  /** The stream is active: its recording plays back as DVR. */
  recordingReady(assetId: string): void {
    const asset = this.assets.get(assetId);
    if (!asset || asset.deleted || asset.status !== 'preparing') return;
    asset.status = 'ready';
    this.emit('video.asset.ready', asset);
  }

  /** The encoder came back within the reconnect window: the same asset records again. */
  resumeRecording(assetId: string, at: number): void {
    const recording = this.assets.get(assetId)?.recording;
    // A backdated reconnect cannot start before the previous session ended.
    recording?.push({ startedAt: Math.max(at, recording.at(-1)?.endedAt ?? at), endedAt: null });
    this.cutClipsOf(assetId);
  }

  /** The encoder went away: the recording stops growing (until it comes back or the window ends). */
  pauseRecording(assetId: string, at: number): void {
    const open = this.assets.get(assetId)?.recording.at(-1);
    if (open && open.endedAt === null) open.endedAt = Math.max(at, open.startedAt);
    this.cutClipsOf(assetId);
  }

  /** The stream completed: the recording is final (`video.asset.live_stream_completed`). */
  finishRecording(assetId: string, at: number): void {
    const asset = this.assets.get(assetId);
    if (!asset) return;
    this.pauseRecording(assetId, at);
    asset.isLive = false;
    asset.duration = recordedSeconds(asset.recording, at);
    if (!asset.deleted) this.emit('video.asset.live_stream_completed', asset);
    // Clips still waiting for this recording are cut at what it holds (or fail).
    this.cutClipsOf(assetId);
  }

  /** Admin: the asset fails (`video.asset.errored`), whatever it was doing. */
  fail(id: string, errors: { type: string; messages: string[] }) {
    const asset = this.live(id);
    this.markErrored(asset, errors);
    this.cutClipsOf(asset.id);
    return this.resource(asset);
  }

  /** The stored asset, deleted ones included (the playback endpoint answers 404 for those). */
  record(id: string): AssetRecord | undefined {
    return this.assets.get(id);
  }

  /**
   * Every asset, oldest first, with what the API does not show (clip window, deletion, and when a
   * clip's create request arrived: `received_at_ms`, epoch ms).
   */
  all() {
    return [...this.assets.values()].map((a) => ({
      ...this.resource(a),
      deleted: a.deleted,
      ...(a.receivedAtMs !== undefined && { received_at_ms: a.receivedAtMs }),
      ...(a.clip && {
        clip: {
          source_asset_id: a.clip.sourceAssetId,
          start_time: a.clip.startTime,
          end_time: a.clip.endTime,
          requested_end_time: a.clip.requestedEndTime,
          // Still waiting for a live recording to reach its end.
          waiting_for_recording: !a.clip.cut && a.status === 'preparing',
        },
      }),
    }));
  }

  /** Seconds of media: fixed once known, else what a recording holds so far; none for a preparing clip. */
  durationOf(asset: AssetRecord, now = Date.now()): number | undefined {
    if (asset.duration !== undefined) return asset.duration;
    return asset.recording.length ? recordedSeconds(asset.recording, now) : undefined;
  }

  /** Mux's Asset object (`created_at` a string of unix seconds). */
  resource(asset: AssetRecord) {
    const duration = asset.status === 'errored' ? undefined : this.durationOf(asset);
    const ready = asset.status === 'ready';
    const { settings } = asset;
    return {
      id: asset.id,
      created_at: String(asset.createdAt),
      status: asset.status,
      playback_ids: asset.playbackIds.map((p) => ({ ...p })),
      ...(settings.passthrough !== undefined && { passthrough: settings.passthrough }),
      ...(settings.meta && { meta: settings.meta }),
      ...(duration !== undefined && { duration }),
      video_quality: settings.video_quality ?? 'plus',
      encoding_tier: settings.encoding_tier ?? 'smart',
      max_resolution_tier: settings.max_resolution_tier ?? '1080p',
      master_access: 'none',
      progress: progressOf(asset),
      ingest_type: asset.ingestType,
      ...(ready && {
        resolution_tier: '1080p',
        aspect_ratio: '16:9',
        max_stored_frame_rate: 30,
        max_stored_resolution: 'HD',
        tracks: this.tracks(asset, duration),
      }),
      ...(asset.liveStreamId && {
        live_stream_id: asset.liveStreamId,
        is_live: asset.isLive,
        recording_times: asset.recording.map((r) => ({
          started_at: new Date(r.startedAt).toISOString(),
          duration: recordedSeconds([r], Date.now()),
          type: 'content',
        })),
      }),
      ...(asset.clip && { source_asset_id: asset.clip.sourceAssetId }),
      ...(asset.errors && { errors: asset.errors }),
      ...(settings.normalize_audio !== undefined && { normalize_audio: settings.normalize_audio }),
      ...(settings.test !== undefined && { test: settings.test }),
    };
  }

  private add(init: {
    ingestType: AssetRecord['ingestType'];
    settings: AssetSettings;
    policies: ('public' | 'signed')[];
    isLive: boolean;
    liveStreamId?: string;
    clip?: AssetRecord['clip'];
    receivedAtMs?: number;
  }): AssetRecord {
    const id = muxId();
    const asset: AssetRecord = {
      id,
      createdAt: Math.floor(Date.now() / 1_000),
      seq: ++this.seq,
      status: 'preparing',
      ingestType: init.ingestType,
      settings: init.settings,
      playbackIds: init.policies.map((p) => this.playbackIds.create(p, { type: 'asset', id })),
      trackIds: { video: muxId(), audio: muxId() },
      isLive: init.isLive,
      recording: [],
      deleted: false,
      ...(init.liveStreamId && { liveStreamId: init.liveStreamId }),
      ...(init.clip && { clip: init.clip }),
      ...(init.receivedAtMs !== undefined && { receivedAtMs: init.receivedAtMs }),
    };
    this.assets.set(id, asset);
    return asset;
  }

  /**
   * Cuts a clip once its source holds the window's end — at once, unless that end is past the edge of
   * a recording in progress — and readies it the clip's delay later. A clip waiting for a recording
   * looks again when that much would have been recorded, and whenever the recording pauses, resumes
   * or ends (cut then at what was recorded, or errored before `start_time`); a source deleted or
   * errored meanwhile fails it.
   */
  private cutClip(asset: AssetRecord): void {
    const clip = asset.clip;
    if (!clip || clip.cut || asset.deleted || asset.status !== 'preparing') return;
    clearTimeout(asset.readyTimer);
    asset.readyTimer = undefined;
    const source = this.assets.get(clip.sourceAssetId);
    if (!source || source.deleted || source.status === 'errored') {
      const what = !source || source.deleted ? 'was deleted' : 'errored';
      this.markErrored(asset, {
        type: 'invalid_input',
        messages: [`The source asset ${clip.sourceAssetId} ${what} before the clip could be cut.`],
      });
      return;
    }
    const progress = clipCut(
      { startTime: clip.startTime, endTime: clip.requestedEndTime },
      { durationSeconds: this.durationOf(source) ?? 0, live: source.isLive },
    );
    if ('problem' in progress) {
      this.markErrored(asset, { type: 'invalid_input', messages: [progress.problem] });
      return;
    }
    if ('waitSeconds' in progress) {
      // While the encoder is away the recording does not grow: resumeRecording or finishRecording ask again.
      if (source.recording.at(-1)?.endedAt !== null) return;
      const waitMs = Math.min(Math.ceil(progress.waitSeconds * 1_000), MAX_TIMER_MS);
      asset.readyTimer = setTimeout(() => this.cutClip(asset), Math.max(1, waitMs));
      asset.readyTimer.unref();
      return;
    }
    clip.endTime = progress.cut.endTime;
    clip.cut = true;
    asset.readyTimer = setTimeout(() => this.clipReady(asset), clip.readyDelayMs);
    asset.readyTimer.unref();
  }

  /** Clips of `sourceId` still waiting for it to record up to their end look at it again. */
  private cutClipsOf(sourceId: string): void {
    for (const asset of this.assets.values()) {
      if (asset.clip?.sourceAssetId === sourceId && !asset.clip.cut) this.cutClip(asset);
    }
  }

  private clipReady(asset: AssetRecord): void {
    if (asset.deleted || asset.status !== 'preparing' || !asset.clip) return;
    asset.status = 'ready';
    asset.duration = roundSeconds(asset.clip.endTime - asset.clip.startTime);
    this.emit('video.asset.ready', asset);
  }

  /** `errored` with Mux's `errors: { type, messages }`, and `video.asset.errored`. */
  private markErrored(asset: AssetRecord, errors: { type: string; messages: string[] }): void {
    clearTimeout(asset.readyTimer);
    asset.readyTimer = undefined;
    asset.status = 'errored';
    asset.errors = errors;
    this.emit('video.asset.errored', asset);
  }

  private live(id: string): AssetRecord {
    const asset = this.assets.get(id);
    if (!asset || asset.deleted) throw muxNotFound();
    return asset;
  }

  private tracks(asset: AssetRecord, duration: number | undefined) {
    const d = duration === undefined ? {} : { duration };
    return [
      {
        type: 'video',
        id: asset.trackIds.video,
        ...d,
        max_width: 1920,
        max_height: 1080,
        max_frame_rate: 30,
      },
      { type: 'audio', id: asset.trackIds.audio, ...d, max_channels: 2 },
    ];
  }

  private emit(type: string, asset: AssetRecord): void {
    const data = { ...this.resource(asset), created_at: asset.createdAt };
    this.events.emit(type, { type: 'asset', id: asset.id }, data, asset.liveStreamId ?? asset.id);
  }
}

function settingsOf(options: AssetOptionsInput): AssetSettings {
  const { passthrough, meta, video_quality, encoding_tier, max_resolution_tier, normalize_audio, test } =
    options;
  return Object.fromEntries(
    Object.entries({
      passthrough,
      meta,
      video_quality,
      encoding_tier,
      max_resolution_tier,
      normalize_audio,
      test,
    }).filter(([, v]) => v !== undefined),
  ) as AssetSettings;
}

/** Mux's `progress`: `live` (−1) while recording, `ingesting` (0) while a clip prepares, `completed` (100). */
function progressOf(asset: AssetRecord): { state: string; progress: number } {
  if (asset.status === 'errored') return { state: 'errored', progress: -1 };
  if (asset.isLive) return { state: 'live', progress: -1 };
  if (asset.status === 'preparing') return { state: 'ingesting', progress: 0 };
  return { state: 'completed', progress: 100 };
}

const encodeCursor = (id: string): string => Buffer.from(id).toString('base64url');
const decodeCursor = (cursor: string): string => Buffer.from(cursor, 'base64url').toString('utf8');
