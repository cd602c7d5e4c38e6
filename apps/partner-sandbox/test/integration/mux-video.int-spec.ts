import Mux, {
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
} from '@mux/mux-node';
import {
  eventually,
  sandboxAdmin,
  startService,
  startWebhookReceiver,
  type ReceivedWebhook,
  type RunningService,
  type WebhookReceiver,
} from '@sportclub/testing';
import { DEV_ACCESS_TOKEN } from '../../src/mux/mux.credentials';
import { playlistSeconds } from '../../src/mux/mux.playlists';

const WEBHOOK_SECRET = 'sandbox-mux-webhook-secret-for-tests';

interface MuxWebhook {
  type: string;
  id: string;
  created_at: string;
  object: { type: string; id: string };
  environment: { id: string; name: string };
  data: Record<string, unknown>;
}

/** A caught rejection, for asserting on the SDK's error classes and Mux's body. */
const failure = <E>(promise: Promise<unknown>): Promise<E> =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: E) => error,
  );

/**
 * Mux Video as the official `@mux/mux-node` SDK sees it, pointed at the partner sandbox process by
 * `baseURL`: a signed, low-latency court stream with the session in `passthrough`, the camera's
 * encoder (admin API) connecting, a highlight clipped from the live recording (also one ending past
 * its live edge, which waits for the recording), the signed webhooks
 * verified with the SDK's own verifier, private playback with a JWT from a signing key, the recording
 * ending after the reconnect window, and the vendor's refusals and faults.
 */
describe('partner sandbox: Mux Video through @mux/mux-node', () => {
  let sandbox: RunningService;
  let receiver: WebhookReceiver;
  let mux: Mux;
  let admin: ReturnType<typeof sandboxAdmin>;

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    sandbox = await startService('partner-sandbox', {
      env: {
        MUX_WEBHOOK_URL: `${receiver.url}/mux`,
        MUX_WEBHOOK_SECRET: WEBHOOK_SECRET,
        MUX_ASSET_READY_DELAY_MS: '300',
        LOG_LEVEL: 'warn',
      },
    });
    mux = new Mux({
      tokenId: DEV_ACCESS_TOKEN.id,
      tokenSecret: DEV_ACCESS_TOKEN.secret,
      baseURL: sandbox.url,
      logLevel: 'off',
    });
    admin = sandboxAdmin(sandbox.url);
  });
  afterEach(() => admin('DELETE', 'faults'));
  afterAll(async () => {
    await sandbox?.stop();
    await receiver?.stop();
  });

  const webhooks = (): { raw: ReceivedWebhook; event: MuxWebhook }[] =>
    receiver.on('/mux').map((raw) => ({ raw, event: JSON.parse(raw.raw) as MuxWebhook }));
  const typesFor = (objectId: string) =>
    webhooks()
      .filter((w) => w.event.object.id === objectId)
      .map((w) => w.event.type);
  const webhook = async (type: string, objectId: string) => {
    await eventually(() => typesFor(objectId).includes(type), `${type} for ${objectId}`, 10_000);
    return webhooks().find((w) => w.event.type === type && w.event.object.id === objectId)!;
  };
  const connectEncoder = async (streamKey: string, secondsAgo = 0) => {
    const at = new Date(Date.now() - secondsAgo * 1_000).toISOString();
    const res = await admin('POST', `mux/encoders/${streamKey}/connect`, { at });
    expect(res.status).toBe(200);
    return (await res.json()) as { active_asset_id: string; recorded_seconds: number };
  };
  const courtStream = () =>
    mux.video.liveStreams.create({
      playback_policies: ['signed'],
      new_asset_settings: { playback_policies: ['signed'], passthrough: 'recording:court-7' },
      reconnect_window: 1,
      latency_mode: 'low',
      passthrough: JSON.stringify({ courtId: 'court-7', sessionId: 'session-42' }),
    });
  const play = (playbackId: string, token?: string) =>
    fetch(`${sandbox.url}/stream/${playbackId}.m3u8${token ? `?token=${encodeURIComponent(token)}` : ''}`);

  it('streams a signed court session, clips its recording, and signs every webhook', async () => {
    const stream = await courtStream();
    expect(stream).toMatchObject({
      status: 'idle',
      latency_mode: 'low',
      reconnect_window: 1,
      passthrough: '{"courtId":"court-7","sessionId":"session-42"}',
      new_asset_settings: { playback_policies: ['signed'], passthrough: 'recording:court-7' },
    });
    expect(stream.stream_key).toMatch(/^[0-9a-f-]{36}$/);
    expect(stream.playback_ids).toEqual([{ id: expect.any(String), policy: 'signed' }]);

    // The camera's encoder went live a minute ago: the stream is active and records from then on.
    const connected = await connectEncoder(stream.stream_key, 60);
    expect(connected.recorded_seconds).toBeGreaterThanOrEqual(60);
    const active = await mux.video.liveStreams.retrieve(stream.id);
    expect(active).toMatchObject({ status: 'active', active_asset_id: connected.active_asset_id });
    const recording = await mux.video.assets.retrieve(active.active_asset_id!);
    expect(recording).toMatchObject({
      status: 'ready',
      is_live: true,
      live_stream_id: stream.id,
      passthrough: 'recording:court-7',
      ingest_type: 'live_rtmp',
    });
    expect(recording.playback_ids?.[0].policy).toBe('signed');

    // The button was pressed 30 s into the recording: 10 s before it, 30 s long.
    const clip = await mux.video.assets.create({
      inputs: [{ url: `mux://assets/${active.active_asset_id}`, start_time: 20, end_time: 50 }],
      playback_policies: ['signed'],
      passthrough: 'highlight:press-1',
    });
    expect(clip).toMatchObject({
      status: 'preparing',
      source_asset_id: active.active_asset_id,
      passthrough: 'highlight:press-1',
      ingest_type: 'on_demand_clip',
    });
    await eventually(async () => (await mux.video.assets.retrieve(clip.id)).status === 'ready', 'clip ready');
    const ready = await mux.video.assets.retrieve(clip.id);
    expect(ready).toMatchObject({ duration: 30, passthrough: 'highlight:press-1' });
    expect(await mux.video.assets.retrieveInputInfo(clip.id)).toEqual([
      expect.objectContaining({
        settings: { url: `mux://assets/${active.active_asset_id}`, start_time: 20, end_time: 50 },
      }),
    ]);
    // The clip can be found among the environment's assets, the recording among the stream's.
    const listed = await mux.video.assets.list({ limit: 100 });
    expect(listed.data.map((a) => a.id)).toContain(clip.id);
    const ofStream = await mux.video.assets.list({ live_stream_id: stream.id });
    expect(ofStream.data.map((a) => a.id)).toEqual([active.active_asset_id]);

    // Webhooks: signed with Mux-Signature over the exact bytes, accepted by the SDK's verifier.
    const readyHook = await webhook('video.asset.ready', clip.id);
    const event = await mux.webhooks.unwrap(readyHook.raw.raw, readyHook.raw.headers, WEBHOOK_SECRET);
    expect(event).toMatchObject({
      type: 'video.asset.ready',
      object: { type: 'asset', id: clip.id },
      environment: { name: 'Sandbox' },
      data: { id: clip.id, status: 'ready', duration: 30, passthrough: 'highlight:press-1' },
    });
    const tampered = readyHook.raw.raw.replace('highlight:press-1', 'highlight:press-2');
    await expect(
      mux.webhooks.verifySignature(tampered, readyHook.raw.headers, WEBHOOK_SECRET),
    ).rejects.toThrow(/No signatures found matching/);
    await expect(
      mux.webhooks.unwrap(readyHook.raw.raw, readyHook.raw.headers, 'another-secret'),
    ).rejects.toThrow();
    const activeHook = await webhook('video.live_stream.active', stream.id);
    expect(typesFor(stream.id)).toEqual([
      'video.live_stream.created',
      'video.live_stream.connected',
      'video.live_stream.recording',
      'video.live_stream.active',
    ]);
    expect(activeHook.event.data).toMatchObject({
      status: 'active',
      active_asset_id: active.active_asset_id,
      passthrough: stream.passthrough,
    });
    expect(typesFor(clip.id)).toEqual(['video.asset.created', 'video.asset.ready']);
  });

  it('refuses clip windows outside the recording with a clear 400', async () => {
    const stream = await courtStream();
    const { active_asset_id: source } = await connectEncoder(stream.stream_key, 40);
    const clipOf = (start_time: number, end_time: number, url = `mux://assets/${source}`) =>
      failure<BadRequestError>(
        mux.video.assets.create({ inputs: [{ url, start_time, end_time }], playback_policies: ['signed'] }),
      );

    const negative = await clipOf(-5, 10);
    expect(negative.status).toBe(400);
    expect(negative.error).toEqual({
      error: { type: 'invalid_parameters', messages: ['start_time must be greater than or equal to 0'] },
    });
    expect((await clipOf(20, 20)).message).toMatch(/end_time \(20\) must be greater than start_time \(20\)/);
    expect((await clipOf(0, 10, 'mux://assets/doesNotExist')).message).toMatch(/does not exist/);
    expect((await clipOf(0, 10, 'https://cdn.example.com/video.mp4')).message).toMatch(/not simulated/);
    // The deprecated `input` spelling of Mux's clipping guide is taken too.
    const viaInput = await mux.post<{ data: { status: string; source_asset_id: string } }>(
      '/video/v1/assets',
      {
        body: {
          input: [{ url: `mux://assets/${source}`, start_time: 0, end_time: 5 }],
          playback_policy: 'signed',
        },
      },
    );
    expect(viaInput.data).toMatchObject({ status: 'preparing', source_asset_id: source });
  });

  it('takes a highlight ending past the live edge and readies it once the recording has passed its end', async () => {
    const stream = await courtStream();
    const { active_asset_id: source, recorded_seconds } = await connectEncoder(stream.stream_key, 20);
    expect(recorded_seconds).toBeLessThan(21);
    // Asked for at the live edge (~20 s in): from 10 s in to 3 s past the edge.
    const input = { url: `mux://assets/${source}`, start_time: 10, end_time: 23 };
    const clip = await mux.video.assets.create({
      inputs: [input],
      playback_policies: ['signed'],
      passthrough: 'highlight:press-2',
    });
    expect(clip).toMatchObject({
      status: 'preparing',
      source_asset_id: source,
      ingest_type: 'on_demand_clip',
    });
    // Half a second on, the recording is still short of end_time: no clip yet.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await mux.video.assets.retrieve(clip.id)).status).toBe('preparing');

    const readyHook = await webhook('video.asset.ready', clip.id);
    expect(readyHook.event.data).toMatchObject({ status: 'ready', duration: 13 });
    // Ready once the recording reached end_time, plus the ready delay (300 ms; a few ms of timer slack).
    const recording = await mux.video.assets.retrieve(source);
    const recordedFrom = Date.parse(recording.recording_times![0].started_at!);
    const readyAfter = Date.parse(readyHook.event.created_at) - recordedFrom;
    expect(readyAfter).toBeGreaterThanOrEqual(23_000 + 300 - 10);
    expect(readyAfter).toBeLessThan(23_000 + 300 + 2_000);
    expect(await mux.video.assets.retrieve(clip.id)).toMatchObject({
      status: 'ready',
      duration: 13,
      passthrough: 'highlight:press-2',
    });
    expect(await mux.video.assets.retrieveInputInfo(clip.id)).toEqual([
      expect.objectContaining({ settings: input }),
    ]);
    expect(typesFor(clip.id)).toEqual(['video.asset.created', 'video.asset.ready']);

    // Once the recording is final, an end past it is refused as for any finished asset.
    await mux.video.liveStreams.complete(stream.id);
    const refused = await failure<BadRequestError>(
      mux.video.assets.create({
        inputs: [{ ...input, end_time: 90 }],
        playback_policies: ['signed'],
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.message).toMatch(
      /end_time \(90\) must be less than or equal to the source asset's duration \(2\d(\.\d+)? s\)/,
    );
  });

  it('plays a signed playback id only with a valid token from a signing key', async () => {
    const stream = await courtStream();
    const { active_asset_id: source } = await connectEncoder(stream.stream_key, 30);
    const clip = await mux.video.assets.create({
      inputs: [{ url: `mux://assets/${source}`, start_time: 5, end_time: 17.5 }],
      playback_policies: ['signed'],
    });
    const playbackId = clip.playback_ids![0].id;
    const key = await mux.system.signingKeys.create();
    expect(Buffer.from(key.private_key!, 'base64').toString()).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(await mux.system.signingKeys.retrieve(key.id)).toEqual({ id: key.id, created_at: key.created_at });
    const sign = (config: { expiration?: string; type?: 'video' | 'thumbnail'; keyId?: string } = {}) =>
      mux.jwt.signPlaybackId(playbackId, {
        keyId: key.id,
        keySecret: key.private_key,
        expiration: '1h',
        ...config,
      });

    // Not ready yet: there is nothing to play (Mux's 412), even with a good token.
    expect((await play(playbackId, await sign())).status).toBe(412);
    await eventually(async () => (await mux.video.assets.retrieve(clip.id)).status === 'ready', 'clip ready');

    const ok = await play(playbackId, await sign());
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/application\/vnd\.apple\.mpegurl/);
    const playlist = await ok.text();
    expect(playlistSeconds(playlist)).toBe(12.5);
    expect(playlist).toContain('#EXT-X-ENDLIST');

    const refused = async (token: string | undefined, reason: RegExp) => {
      const res = await play(playbackId, token);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { messages: string[] } }).error.messages[0]).toMatch(reason);
    };
    await refused(undefined, /token is required/);
    await refused(await sign({ expiration: '-60' }), /expired/);
    await refused(await sign({ type: 'thumbnail' }), /aud must be v/);
    const otherClip = await mux.jwt.signPlaybackId(stream.playback_ids![0].id, {
      keyId: key.id,
      keySecret: key.private_key,
    });
    await refused(otherClip, /another playback id/);
    const other = await mux.system.signingKeys.create();
    await refused(
      await mux.jwt.signPlaybackId(playbackId, { keyId: key.id, keySecret: other.private_key }),
      /not signed with signing key/,
    );
    // A deleted key signs nothing any more.
    await mux.system.signingKeys.delete(key.id);
    await refused(await sign(), /does not exist/);

    // The live stream's own playback id plays the live edge, open-ended, while the stream is active.
    const liveToken = await mux.jwt.signPlaybackId(stream.playback_ids![0].id, {
      keyId: other.id,
      keySecret: other.private_key,
    });
    const live = await play(stream.playback_ids![0].id, liveToken);
    expect(live.status).toBe(200);
    const livePlaylist = await live.text();
    expect(livePlaylist).not.toContain('#EXT-X-ENDLIST');
    expect(playlistSeconds(livePlaylist)).toBeGreaterThanOrEqual(30);
    expect((await play('unknownPlaybackId')).status).toBe(404);
  });

  it('ends the recording after the reconnect window, or at once on complete', async () => {
    const stream = await courtStream();
    const { active_asset_id: recording } = await connectEncoder(stream.stream_key, 20);
    expect((await admin('POST', `mux/encoders/${stream.stream_key}/disconnect`)).status).toBe(200);
    // Within the window the stream is still active and the encoder may come back to the same recording.
    expect((await mux.video.liveStreams.retrieve(stream.id)).status).toBe('active');
    await webhook('video.live_stream.idle', stream.id);
    const idle = await mux.video.liveStreams.retrieve(stream.id);
    expect(idle.status).toBe('idle');
    expect(idle.active_asset_id).toBeUndefined();
    expect(idle.recent_asset_ids).toEqual([recording]);
    const completed = await webhook('video.asset.live_stream_completed', recording);
    expect(completed.event.data).toMatchObject({ id: recording, is_live: false, status: 'ready' });
    const final = await mux.video.assets.retrieve(recording);
    expect(final.duration).toBeGreaterThanOrEqual(20);
    expect(final.duration).toBeLessThan(25);
    expect(typesFor(stream.id).slice(-2)).toEqual([
      'video.live_stream.disconnected',
      'video.live_stream.idle',
    ]);

    // The session ended: complete ends the next recording without waiting.
    const again = await connectEncoder(stream.stream_key);
    expect(again.active_asset_id).not.toBe(recording);
    await mux.video.liveStreams.complete(stream.id);
    expect(await mux.video.liveStreams.retrieve(stream.id)).toMatchObject({ status: 'idle' });
    await webhook('video.asset.live_stream_completed', again.active_asset_id);

    // Disabled streams refuse encoders; deleted ones are gone.
    await mux.video.liveStreams.disable(stream.id);
    expect((await mux.video.liveStreams.retrieve(stream.id)).status).toBe('disabled');
    expect((await admin('POST', `mux/encoders/${stream.stream_key}/connect`, {})).status).toBe(409);
    await mux.video.liveStreams.enable(stream.id);
    await mux.video.liveStreams.delete(stream.id);
    expect(await failure(mux.video.liveStreams.retrieve(stream.id))).toBeInstanceOf(NotFoundError);
  });

  it('continues the same recording when the encoder comes back within the reconnect window', async () => {
    const stream = await mux.video.liveStreams.create({
      playback_policies: ['signed'],
      reconnect_window: 30,
    });
    expect((await mux.video.liveStreams.create({ latency_mode: 'low' })).reconnect_window).toBe(0);
    expect(stream).toMatchObject({ latency_mode: 'standard', reconnect_window: 30 });
    const first = await connectEncoder(stream.stream_key, 10);
    await admin('POST', `mux/encoders/${stream.stream_key}/disconnect`);
    const back = await connectEncoder(stream.stream_key);
    expect(back.active_asset_id).toBe(first.active_asset_id);
    const recording = await mux.video.assets.retrieve(first.active_asset_id);
    expect(recording.recording_times).toHaveLength(2);
    await mux.video.liveStreams.complete(stream.id);
    await webhook('video.asset.live_stream_completed', first.active_asset_id);
    expect(typesFor(stream.id)).toEqual([
      'video.live_stream.created',
      'video.live_stream.connected',
      'video.live_stream.recording',
      'video.live_stream.active',
      'video.live_stream.disconnected',
      'video.live_stream.connected',
      'video.live_stream.recording',
      'video.live_stream.disconnected',
      'video.live_stream.idle',
    ]);
  });

  it('reports an asset that fails with video.asset.errored', async () => {
    const stream = await courtStream();
    const { active_asset_id: source } = await connectEncoder(stream.stream_key, 15);
    await admin('PUT', 'mux/settings', { assetReadyDelayMs: 5_000 });
    try {
      const clip = await mux.video.assets.create({
        inputs: [{ url: `mux://assets/${source}`, start_time: 0, end_time: 10 }],
        playback_policies: ['signed'],
      });
      const res = await admin('POST', `mux/assets/${clip.id}/error`, {
        messages: ['Clip could not be encoded.'],
      });
      expect(res.status).toBe(200);
      const errored = await webhook('video.asset.errored', clip.id);
      expect(errored.event.data).toMatchObject({
        status: 'errored',
        errors: { type: 'invalid_input', messages: ['Clip could not be encoded.'] },
      });
      expect((await mux.video.assets.retrieve(clip.id)).status).toBe('errored');
    } finally {
      await admin('PUT', 'mux/settings', { assetReadyDelayMs: 300 });
    }
  });

  it("answers wrong credentials, outages and rate limits as Mux does, and the SDK's retries ride them out", async () => {
    const stranger = new Mux({
      tokenId: 'wrong',
      tokenSecret: 'pair',
      baseURL: sandbox.url,
      logLevel: 'off',
    });
    const unauthorized = await failure<AuthenticationError>(stranger.video.liveStreams.list());
    expect(unauthorized).toBeInstanceOf(AuthenticationError);
    expect(unauthorized.error).toEqual({
      error: { type: 'unauthorized', messages: ['Unauthorized request'] },
    });
    // What the sandbox does not simulate (here direct uploads) is Mux's 404, never a made-up success.
    expect(await failure(mux.video.uploads.list())).toBeInstanceOf(NotFoundError);

    const once = mux.withOptions({ maxRetries: 0 });
    await admin('PUT', 'faults/mux', { down: true });
    const down = await failure<InternalServerError>(once.video.liveStreams.list());
    expect(down).toBeInstanceOf(InternalServerError);
    expect(down.status).toBe(503);
    expect(down.error).toMatchObject({ error: { type: 'service_unavailable' } });

    await admin('PUT', 'faults/mux', { down: false, tooManyRequests: true, retryAfterSeconds: 1 });
    const limited = await failure<RateLimitError>(once.video.assets.list());
    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited.headers.get('retry-after')).toBe('1');

    // Two failures, then the vendor is back: the SDK's own retries (2 by default) get through.
    await admin('PUT', 'faults/mux', { tooManyRequests: false, down: true, calls: 2 });
    const stream = await mux.video.liveStreams.create({ playback_policies: ['signed'] });
    expect(stream.status).toBe('idle');
    // Playback is another Mux service: the API's faults do not reach it.
    await admin('PUT', 'faults/mux', { down: true });
    expect((await play(stream.playback_ids![0].id)).status).toBe(403);
  });
});
