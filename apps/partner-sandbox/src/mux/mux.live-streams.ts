import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { parseOrBadRequest } from '@sportclub/service-kit';
import { MuxAssets } from './mux.assets';
import { recordedSeconds } from './mux.clips';
import { muxNotFound } from './mux.errors';
import { MuxEvents } from './mux.events';
import { muxId, streamKey } from './mux.ids';
import {
  liveStreamCreateSchema,
  liveStreamListSchema,
  liveStreamUpdateSchema,
  refuseUnsimulatedAssetOptions,
  refuseUnsimulatedLiveStreamOptions,
  requestedPolicies,
  type AssetOptionsInput,
  type LiveStreamCreateInput,
} from './mux.params';
import { MuxPlaybackIds, type PlaybackId } from './mux.playback-ids';

type LatencyMode = 'low' | 'reduced' | 'standard';

/** How many recent recordings a live stream lists (`recent_asset_ids`, newest last). */
const RECENT_ASSETS = 10;

export interface LiveStreamRecord {
  id: string;
  /** Unix seconds. */
  createdAt: number;
  seq: number;
  streamKey: string;
  status: 'idle' | 'active' | 'disabled';
  latencyMode: LatencyMode;
  /** Seconds. */
  reconnectWindow: number;
  /** Seconds; stored, not enforced. */
  maxContinuousDuration: number;
  passthrough?: string;
  meta?: { title?: string };
  audioOnly?: boolean;
  test?: boolean;
  useSlateForStandardLatency?: boolean;
  reconnectSlateUrl?: string;
  /** With `playback_policies` normalized from whichever spelling was sent. */
  newAssetSettings?: AssetOptionsInput;
  playbackIds: PlaybackId[];
  recentAssetIds: string[];
  activeAssetId?: string;
  /** An encoder is pushing (admin API); the stream stays `active` through a reconnect window. */
  connected: boolean;
  idleTimer?: NodeJS.Timeout;
  deleted: boolean;
}

/**
 * Mux live streams (docs.mux.com/api-reference/video/live-streams) and the encoder side of them,
 * which the admin API plays: an encoder connecting with the stream key makes the stream `active` and
 * starts a recording asset (`active_asset_id`, recording from the connect time); when it disconnects
 * the stream stays `active` for `reconnect_window` seconds (a reconnect continues the same recording),
 * then turns `idle` and the recording is final. `complete` ends the recording at once; `disable`
 * also refuses encoders until `enable`.
 *
 * Webhooks, in Mux's order: `video.live_stream.created`; on connect `connected`, `video.asset.created`,
 * `recording`, `active`, `video.asset.ready`; on disconnect `disconnected`; at the end `idle` and
 * `video.asset.live_stream_completed`; `updated`, `disabled`, `enabled`, `deleted`.
 *
 * Not simulated: ingest itself (RTMP/SRT), slate during reconnects, `max_continuous_duration`,
 * simulcast targets, subtitles, test-stream limits, Mux's 60 s grace before it drops an encoder after
 * `complete` (the sandbox drops it at once).
 */
@Injectable()
export class MuxLiveStreams {
  private readonly streams = new Map<string, LiveStreamRecord>();
  private seq = 0;

  constructor(
    private readonly assets: MuxAssets,
    private readonly playbackIds: MuxPlaybackIds,
    private readonly events: MuxEvents,
  ) {}

  /** `POST /video/v1/live-streams`: an idle stream with its stream key and playback ids. */
  create(body: unknown) {
    const input = parseOrBadRequest(liveStreamCreateSchema, body ?? {}, 'invalid_parameters');
    refuseUnsimulatedLiveStreamOptions(input);
    const latencyMode = latencyOf(input);
    const id = muxId();
    const stream: LiveStreamRecord = {
      id,
      createdAt: Math.floor(Date.now() / 1_000),
      seq: ++this.seq,
      streamKey: streamKey(),
      status: 'idle',
      latencyMode,
      // Mux's defaults: 60 s for standard latency, none for reduced and low latency.
      reconnectWindow: input.reconnect_window ?? (latencyMode === 'standard' ? 60 : 0),
      maxContinuousDuration: input.max_continuous_duration ?? 43_200,
      playbackIds: requestedPolicies(input).map((p) =>
        this.playbackIds.create(p, { type: 'live_stream', id }),
      ),
      recentAssetIds: [],
      connected: false,
      deleted: false,
      ...optional({
        passthrough: input.passthrough,
        meta: input.meta,
        audioOnly: input.audio_only,
        test: input.test,
        useSlateForStandardLatency: input.use_slate_for_standard_latency,
        reconnectSlateUrl: input.reconnect_slate_url,
        newAssetSettings: input.new_asset_settings && normalizedSettings(input.new_asset_settings),
      }),
    };
    this.streams.set(id, stream);
    this.emit('video.live_stream.created', stream);
    return this.resource(stream);
  }

  retrieve(id: string) {
    return this.resource(this.live(id));
  }

  /** `GET /video/v1/live-streams`: newest first, `limit` per `page`, by `stream_key` or `status`. */
  list(query: unknown) {
    const q = parseOrBadRequest(liveStreamListSchema, query ?? {}, 'invalid_parameters');
    const data = [...this.streams.values()]
      .filter((s) => !s.deleted)
      .filter((s) => (!q.stream_key || s.streamKey === q.stream_key) && (!q.status || s.status === q.status))
      .sort((a, b) => b.seq - a.seq)
      .slice((q.page - 1) * q.limit, q.page * q.limit);
    return { data: data.map((s) => this.resource(s)) };
  }

  /** `PATCH /video/v1/live-streams/:id`: the settings Mux lets change; they apply to the next recording. */
  update(id: string, body: unknown) {
    const stream = this.live(id);
    const input = parseOrBadRequest(liveStreamUpdateSchema, body ?? {}, 'invalid_parameters');
    if (input.new_asset_settings) refuseUnsimulatedAssetOptions(input.new_asset_settings);
    if (input.latency_mode !== undefined) stream.latencyMode = input.latency_mode;
    if (input.reconnect_window !== undefined) stream.reconnectWindow = input.reconnect_window;
    if (input.max_continuous_duration !== undefined)
      stream.maxContinuousDuration = input.max_continuous_duration;
    if (input.passthrough !== undefined) stream.passthrough = input.passthrough;
    if (input.meta !== undefined) stream.meta = input.meta;
    if (input.use_slate_for_standard_latency !== undefined) {
      stream.useSlateForStandardLatency = input.use_slate_for_standard_latency;
    }
    if (input.reconnect_slate_url !== undefined) stream.reconnectSlateUrl = input.reconnect_slate_url;
    if (input.new_asset_settings) stream.newAssetSettings = normalizedSettings(input.new_asset_settings);
    this.emit('video.live_stream.updated', stream);
    return this.resource(stream);
  }

  /** `DELETE /video/v1/live-streams/:id`: an active stream's recording ends first (and stays). */
  delete(id: string): void {
    const stream = this.live(id);
    if (stream.status === 'active') this.finish(stream);
    stream.deleted = true;
    for (const p of stream.playbackIds) this.playbackIds.remove(p.id);
    this.emit('video.live_stream.deleted', stream);
  }

  /** `PUT …/complete`: end the recording now rather than after the reconnect window. */
  complete(id: string): void {
    const stream = this.live(id);
    if (stream.status === 'active') this.finish(stream);
  }

  /** `PUT …/disable`: end any recording and refuse encoders until enabled. */
  disable(id: string): void {
    const stream = this.live(id);
    if (stream.status === 'disabled') return;
    if (stream.status === 'active') this.finish(stream);
    stream.status = 'disabled';
    this.emit('video.live_stream.disabled', stream);
  }

  /** `PUT …/enable`. */
  enable(id: string): void {
    const stream = this.live(id);
    if (stream.status !== 'disabled') return;
    stream.status = 'idle';
    this.emit('video.live_stream.enabled', stream);
  }

  /** `POST …/reset-stream-key`: the old key stops working at once. */
  resetStreamKey(id: string) {
    const stream = this.live(id);
    stream.streamKey = streamKey();
    return this.resource(stream);
  }

  createPlaybackId(id: string, body: unknown): PlaybackId {
    const stream = this.live(id);
    return this.playbackIds.addTo(stream, { type: 'live_stream', id: stream.id }, body);
  }

  playbackId(id: string, playbackId: string): PlaybackId {
    return this.playbackIds.findIn(this.live(id), playbackId);
  }

  deletePlaybackId(id: string, playbackId: string): void {
    this.playbackIds.removeFrom(this.live(id), playbackId);
  }

  /**
   * Admin: an encoder connects with `key` (at `at`, ms since the epoch, ≤ now: a test can have it
   * connected a minute ago to clip at once). Starts a recording, or continues the one of a reconnect
   * window still open.
   */
  connect(key: string, at: number) {
    const stream = this.byKey(key);
    if (stream.status === 'disabled') {
      throw new ConflictException({ error: 'live_stream_disabled', reason: 'the stream refuses encoders' });
    }
    if (stream.connected) {
      throw new ConflictException({
        error: 'encoder_already_connected',
        reason: 'one encoder per stream key',
      });
    }
    clearTimeout(stream.idleTimer);
    stream.connected = true;
    this.emit('video.live_stream.connected', stream);
    if (stream.status === 'active' && stream.activeAssetId) {
      this.assets.resumeRecording(stream.activeAssetId, at);
      this.emit('video.live_stream.recording', stream);
      return this.adminView(stream);
    }
    const asset = this.assets.startRecording(stream.id, stream.newAssetSettings, at);
    stream.activeAssetId = asset.id;
    stream.recentAssetIds = [...stream.recentAssetIds, asset.id].slice(-RECENT_ASSETS);
    this.emit('video.live_stream.recording', stream);
    stream.status = 'active';
    this.emit('video.live_stream.active', stream);
    this.assets.recordingReady(asset.id);
    return this.adminView(stream);
  }

  /**
   * Admin: the encoder disconnects. The stream stays `active` for its reconnect window, then goes
   * `idle` and its recording is final.
   */
  disconnect(key: string) {
    const stream = this.byKey(key);
    if (!stream.connected) {
      throw new ConflictException({
        error: 'encoder_not_connected',
        reason: 'no encoder is pushing to this key',
      });
    }
    this.drop(stream);
    stream.idleTimer = setTimeout(() => this.finish(stream), stream.reconnectWindow * 1_000);
    stream.idleTimer.unref();
    return this.adminView(stream);
  }

  /** The stored stream, deleted ones included. */
  record(id: string): LiveStreamRecord | undefined {
    return this.streams.get(id);
  }

  /** Every live stream, oldest first, with the encoder state the API does not show. */
  all() {
    return [...this.streams.values()].map((s) => this.adminView(s));
  }

  /** Mux's LiveStream object (`created_at` a string of unix seconds). */
  resource(stream: LiveStreamRecord) {
    const active = stream.status === 'active';
    return {
      id: stream.id,
      created_at: String(stream.createdAt),
      stream_key: stream.streamKey,
      status: stream.status,
      latency_mode: stream.latencyMode,
      reconnect_window: stream.reconnectWindow,
      max_continuous_duration: stream.maxContinuousDuration,
      playback_ids: stream.playbackIds.map((p) => ({ ...p })),
      ...(stream.newAssetSettings && { new_asset_settings: structuredClone(stream.newAssetSettings) }),
      ...(stream.passthrough !== undefined && { passthrough: stream.passthrough }),
      ...(stream.meta && { meta: stream.meta }),
      ...(stream.recentAssetIds.length && { recent_asset_ids: [...stream.recentAssetIds] }),
      ...(active && stream.activeAssetId && { active_asset_id: stream.activeAssetId }),
      ...(active && stream.connected && { active_ingest_protocol: 'rtmp' }),
      ...(stream.audioOnly !== undefined && { audio_only: stream.audioOnly }),
      ...(stream.test !== undefined && { test: stream.test }),
      ...(stream.useSlateForStandardLatency !== undefined && {
        use_slate_for_standard_latency: stream.useSlateForStandardLatency,
      }),
      ...(stream.reconnectSlateUrl !== undefined && { reconnect_slate_url: stream.reconnectSlateUrl }),
    };
  }

  private adminView(stream: LiveStreamRecord) {
    const asset = stream.activeAssetId ? this.assets.record(stream.activeAssetId) : undefined;
    return {
      ...this.resource(stream),
      deleted: stream.deleted,
      encoder_connected: stream.connected,
      ...(stream.status === 'active' &&
        asset && { recorded_seconds: recordedSeconds(asset.recording, Date.now()) }),
    };
  }

  /** The encoder is gone (disconnect, or the stream ended under it). */
  private drop(stream: LiveStreamRecord): void {
    if (!stream.connected) return;
    stream.connected = false;
    if (stream.activeAssetId) this.assets.pauseRecording(stream.activeAssetId, Date.now());
    this.emit('video.live_stream.disconnected', stream);
  }

  /** The recording ends: the stream is `idle` (unless being disabled) and its asset final. */
  private finish(stream: LiveStreamRecord): void {
    clearTimeout(stream.idleTimer);
    this.drop(stream);
    const assetId = stream.activeAssetId;
    stream.activeAssetId = undefined;
    stream.status = 'idle';
    this.emit('video.live_stream.idle', stream);
    if (assetId) this.assets.finishRecording(assetId, Date.now());
  }

  private live(id: string): LiveStreamRecord {
    const stream = this.streams.get(id);
    if (!stream || stream.deleted) throw muxNotFound();
    return stream;
  }

  private byKey(key: string): LiveStreamRecord {
    const stream = [...this.streams.values()].find((s) => !s.deleted && s.streamKey === key);
    if (!stream)
      throw new NotFoundException({ error: 'unknown_stream_key', reason: 'no live stream has this key' });
    return stream;
  }

  private emit(type: string, stream: LiveStreamRecord): void {
    const data = {
      ...this.resource(stream),
      created_at: stream.createdAt,
      connected: stream.connected,
      recording: stream.status === 'active' && stream.connected,
    };
    this.events.emit(type, { type: 'live', id: stream.id }, data, stream.id);
  }
}

function latencyOf(input: LiveStreamCreateInput): LatencyMode {
  if (input.latency_mode) return input.latency_mode;
  if (input.low_latency) return 'low';
  if (input.reduced_latency) return 'reduced';
  return 'standard';
}

/** `new_asset_settings` as Mux echoes it: the policies under `playback_policies` whatever the spelling. */
function normalizedSettings(settings: AssetOptionsInput): AssetOptionsInput {
  const { playback_policy: _p, advanced_playback_policies: _a, ...rest } = settings;
  return { ...rest, playback_policies: requestedPolicies(settings) };
}

const optional = <T extends Record<string, unknown>>(fields: T): Partial<T> =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
