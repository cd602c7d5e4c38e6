import type { SandboxConfig } from '../config/sandbox.config';
import { MuxAssets } from './mux.assets';
import type { MuxEvents } from './mux.events';
import { MuxLiveStreams } from './mux.live-streams';
import { MuxPlaybackIds } from './mux.playback-ids';

const READY_DELAY_MS = 500;

/**
 * Clips of a live recording on a fake clock: taken past the live edge, they wait for the recording to
 * reach their end (plus the ready delay), or are cut short, or fail, when the stream ends first.
 */
describe('MuxAssets: clips of a recording in progress', () => {
  let assets: MuxAssets;
  let streams: MuxLiveStreams;
  let emitted: { type: string; id: string; data: Record<string, unknown> }[];

  beforeEach(() => {
    jest.useFakeTimers({ now: Date.parse('2026-03-01T20:00:00Z') });
    emitted = [];
    const events = {
      emit: (type: string, object: { id: string }, data: Record<string, unknown>) => {
        emitted.push({ type, id: object.id, data: structuredClone(data) });
      },
    } as unknown as MuxEvents;
    const playbackIds = new MuxPlaybackIds();
    assets = new MuxAssets(
      { MUX_ASSET_READY_DELAY_MS: READY_DELAY_MS } as SandboxConfig,
      playbackIds,
      events,
    );
    streams = new MuxLiveStreams(assets, playbackIds, events);
  });
  afterEach(() => jest.useRealTimers());

  /** A stream whose encoder connected `secondsAgo` seconds ago; its recording is the clip source. */
  const liveSource = (secondsAgo: number, reconnectWindow = 0) => {
    const stream = streams.create({ playback_policies: ['public'], reconnect_window: reconnectWindow });
    const { active_asset_id } = streams.connect(stream.stream_key, Date.now() - secondsAgo * 1_000);
    return { stream, source: active_asset_id! };
  };
  const clip = (source: string, start_time: number, end_time: number) =>
    assets.create({ inputs: [{ url: `mux://assets/${source}`, start_time, end_time }] });
  const typesFor = (id: string) => emitted.filter((e) => e.id === id).map((e) => e.type);
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return (error as { getResponse(): unknown }).getResponse();
    }
    throw new Error('expected a refusal');
  };

  it('readies a clip within the recording after the ready delay, as before', () => {
    const { source } = liveSource(40);
    const { id } = clip(source, 10, 30);
    jest.advanceTimersByTime(READY_DELAY_MS - 1);
    expect(assets.retrieve(id).status).toBe('preparing');
    jest.advanceTimersByTime(1);
    expect(assets.retrieve(id)).toMatchObject({ status: 'ready', duration: 20 });
  });

  it('keeps a clip ending past the live edge preparing until the recording reaches its end plus the delay', () => {
    // The highlight button pressed 30 s in: from 10 s before, 30 s long — 20 s still to record.
    const { source } = liveSource(30);
    const created = clip(source, 20, 50);
    expect(created).toMatchObject({ status: 'preparing', source_asset_id: source });
    expect(created).not.toHaveProperty('duration');
    expect(assets.all().find((a) => a.id === created.id)?.clip).toMatchObject({
      waiting_for_recording: true,
      requested_end_time: 50,
    });

    jest.advanceTimersByTime(20_000 + READY_DELAY_MS - 1);
    expect(assets.retrieve(created.id).status).toBe('preparing');
    jest.advanceTimersByTime(1);
    expect(assets.retrieve(created.id)).toMatchObject({ status: 'ready', duration: 30 });
    expect(assets.inputInfo(created.id)[0].settings).toEqual({
      url: `mux://assets/${source}`,
      start_time: 20,
      end_time: 50,
    });
    expect(typesFor(created.id)).toEqual(['video.asset.created', 'video.asset.ready']);
  });

  it("lists when each clip's create request arrived (received_at_ms); a recording, asked for by no one, has none", () => {
    const { source } = liveSource(40);
    const first = clip(source, 10, 30);
    jest.advanceTimersByTime(1_234);
    const second = clip(source, 12, 32);
    const listed = new Map(assets.all().map((a) => [a.id, a]));
    expect(listed.get(first.id)).toMatchObject({ received_at_ms: Date.parse('2026-03-01T20:00:00Z') });
    expect(listed.get(second.id)).toMatchObject({ received_at_ms: Date.parse('2026-03-01T20:00:01.234Z') });
    expect(listed.get(source)).not.toHaveProperty('received_at_ms');
    // Admin only: Mux's own Asset object has no such field.
    expect(assets.retrieve(first.id)).not.toHaveProperty('received_at_ms');
  });

  it('waits while the encoder is away within the reconnect window, and goes on when it is back', () => {
    const { stream, source } = liveSource(30, 60);
    const { id } = clip(source, 20, 40);
    jest.advanceTimersByTime(5_000); // 35 s recorded
    streams.disconnect(stream.stream_key);
    jest.advanceTimersByTime(30_000); // away: still 35 s
    expect(assets.retrieve(id).status).toBe('preparing');
    streams.connect(stream.stream_key, Date.now());
    jest.advanceTimersByTime(5_000 + READY_DELAY_MS - 1);
    expect(assets.retrieve(id).status).toBe('preparing');
    jest.advanceTimersByTime(1);
    expect(assets.retrieve(id)).toMatchObject({ status: 'ready', duration: 20 });
  });

  it('cuts the clip at what was recorded when the stream completes before its end', () => {
    const { stream, source } = liveSource(30);
    const { id } = clip(source, 20, 50);
    jest.advanceTimersByTime(8_000);
    streams.complete(stream.id); // 38 s recorded
    jest.advanceTimersByTime(READY_DELAY_MS - 1);
    expect(assets.retrieve(id).status).toBe('preparing');
    jest.advanceTimersByTime(1);
    expect(assets.retrieve(id)).toMatchObject({ status: 'ready', duration: 18 });
    expect(assets.inputInfo(id)[0]).toMatchObject({
      settings: { start_time: 20, end_time: 38 },
      file: {
        tracks: [expect.objectContaining({ duration: 18 }), expect.objectContaining({ duration: 18 })],
      },
    });
    expect(assets.all().find((a) => a.id === id)?.clip).toMatchObject({
      end_time: 38,
      requested_end_time: 50,
      waiting_for_recording: false,
    });
    // Nothing else happens when the requested end would have come.
    jest.advanceTimersByTime(60_000);
    expect(typesFor(id)).toEqual(['video.asset.created', 'video.asset.ready']);
  });

  it('cuts it short too when the stream goes idle after the reconnect window', () => {
    const { stream, source } = liveSource(30, 2);
    const { id } = clip(source, 25, 45);
    jest.advanceTimersByTime(1_000);
    streams.disconnect(stream.stream_key); // 31 s recorded
    jest.advanceTimersByTime(2_000 + READY_DELAY_MS);
    expect(assets.retrieve(id)).toMatchObject({ status: 'ready', duration: 6 });
  });

  it('fails the clip, in Mux errored shape, when the recording never reached start_time', () => {
    const { stream, source } = liveSource(30);
    const { id } = clip(source, 40, 70);
    jest.advanceTimersByTime(5_000);
    streams.complete(stream.id); // 35 s recorded
    const errored = assets.retrieve(id);
    expect(errored).toMatchObject({
      status: 'errored',
      progress: { state: 'errored', progress: -1 },
      errors: {
        type: 'invalid_input',
        messages: [
          "The live stream ended after 35 s of recording, before the clip's start_time (40 s): there is nothing to clip.",
        ],
      },
    });
    expect(errored).not.toHaveProperty('duration');
    expect(typesFor(id)).toEqual(['video.asset.created', 'video.asset.errored']);
    expect(emitted.at(-1)?.data).toMatchObject({ status: 'errored', errors: { type: 'invalid_input' } });
    jest.advanceTimersByTime(60_000);
    expect(assets.retrieve(id).status).toBe('errored');
  });

  it('fails a waiting clip whose source is deleted', () => {
    const { source } = liveSource(30);
    const { id } = clip(source, 20, 50);
    assets.delete(source);
    expect(assets.retrieve(id)).toMatchObject({
      status: 'errored',
      errors: { messages: [`The source asset ${source} was deleted before the clip could be cut.`] },
    });
  });

  it('forgets a waiting clip deleted before the recording reaches its end', () => {
    const { source } = liveSource(30);
    const { id } = clip(source, 20, 50);
    assets.delete(id);
    jest.advanceTimersByTime(60_000);
    expect(typesFor(id)).toEqual(['video.asset.created', 'video.asset.deleted']);
  });

  it('keeps refusing an end past a finished recording', () => {
    const { stream, source } = liveSource(30);
    streams.complete(stream.id);
    expect(refusal(() => clip(source, 20, 50))).toEqual({
      error: {
        type: 'invalid_parameters',
        messages: ["end_time (50) must be less than or equal to the source asset's duration (30 s)"],
      },
    });
  });
});
