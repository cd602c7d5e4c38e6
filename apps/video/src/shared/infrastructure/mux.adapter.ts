import Mux from '@mux/mux-node';
import { ResilientCaller, httpStatusOf, isTransientError } from '@sportclub/resilience';
import type { VideoConfig } from '../../config/video.config';
import {
  InvalidWebhookError,
  InvalidWebhookSignatureError,
  type ClipRequest,
  type SigningKey,
  type StreamPassthrough,
  type CreatedLiveStream,
  type VendorAsset,
  type VendorEvent,
  type VideoPlatformPort,
} from '../application/ports/video-platform.port';

/** How far back a retried create looks for the stream or clip it may already have made (Mux lists newest first). */
const FIND_LIMIT = 200;

/**
 * Mux's calls: 10 s each, 3 retries 1/2/4 s on 5xx and network faults, a breaker per club opening after 3
 * failures and resting 30 s (a court's recording lost while it rests is lost for good).
 */
export function muxCaller(): ResilientCaller {
  return new ResilientCaller({
    timeoutMs: 10_000,
    retries: 3,
    baseDelayMs: 1_000,
    maxDelayMs: 4_000,
    volumeThreshold: 3,
    errorThresholdPercentage: 50,
    resetTimeoutMs: 30_000,
    rollingCountTimeoutMs: 60_000,
    isRetriable: isTransientError,
  });
}

/**
 * A Mux asset object (API answer or webhook `data`) as the port's `VendorAsset`: `ready` needs a signed
 * playback id (the clip is created with one); without it the clip cannot be played privately: errored.
 */
function muxAsset(asset: {
  status?: string;
  playback_ids?: { id: string; policy: string }[] | null;
  duration?: number | null;
  errors?: { messages?: string[] | null } | null;
}): VendorAsset {
  if (asset.status === 'ready') {
    const playbackId = asset.playback_ids?.find((p) => p.policy === 'signed')?.id;
    return playbackId
      ? { status: 'ready', playbackId, durationSeconds: Number(asset.duration) }
      : { status: 'errored', reason: 'the clip is ready without a signed playback id' };
  }
  if (asset.status === 'errored') {
    return { status: 'errored', reason: asset.errors?.messages?.join('; ') || 'the clip errored' };
  }
  return { status: 'preparing' };
}

/**
 * The Mux Video API through the official `@mux/mux-node` (seed 000's adapter, with private playback:
 * `playback_policy: ['signed']` on the stream and its recording). The SDK's own retries are off: the
 * resilience layer retries and keeps one breaker per club. Locally MUX_API_URL is the partner sandbox.
 */
export class MuxAdapter implements VideoPlatformPort {
  private readonly mux: Mux;

  constructor(
    private readonly config: Pick<
      VideoConfig,
      | 'MUX_TOKEN_ID'
      | 'MUX_TOKEN_SECRET'
      | 'MUX_API_URL'
      | 'MUX_INGEST_URL'
      | 'MUX_WEBHOOK_SECRETS'
      | 'MUX_PLAYBACK_URL'
    >,
    private readonly caller: ResilientCaller = muxCaller(),
  ) {
    this.mux = new Mux({
      tokenId: config.MUX_TOKEN_ID,
      tokenSecret: config.MUX_TOKEN_SECRET,
      ...(config.MUX_API_URL && { baseURL: config.MUX_API_URL.replace(/\/$/, '') }),
      maxRetries: 0,
      timeout: 10_000,
    });
  }

  async createLiveStream(tenantId: string, p: StreamPassthrough): Promise<CreatedLiveStream> {
    const passthrough = JSON.stringify({ s: p.streamId, t: p.tenantId, c: p.courtId, x: p.sessionId });
    const key = { vendor: 'mux', tenant: tenantId, operation: 'live-streams.create' };
    // A retry after a crash: the stream made then carries this passthrough.
    const found = await this.caller.call({ ...key, operation: 'live-streams.list' }, async (signal) => {
      let seen = 0;
      for await (const stream of this.mux.video.liveStreams.list({ limit: 100 }, { signal })) {
        if (stream.passthrough === passthrough) return stream;
        if (++seen >= FIND_LIMIT) break;
      }
      return undefined;
    });
    const stream =
      found ??
      (await this.caller.call(
        key,
        (signal) =>
          this.mux.video.liveStreams.create(
            {
              playback_policies: ['signed'],
              new_asset_settings: { playback_policies: ['signed'] },
              reconnect_window: 60,
              latency_mode: 'low',
              passthrough,
            },
            { signal },
          ),
        // Not idempotent at Mux: no retry here; the next pass lists first and finds what reached it.
        { isRetriable: () => false },
      ));
    const playbackId = stream.playback_ids?.find((p) => p.policy === 'signed')?.id;
    if (!playbackId) throw new Error(`Mux live stream ${stream.id} has no signed playback id`);
    return {
      vendorStreamId: stream.id,
      streamKey: stream.stream_key,
      ingestUrl: this.config.MUX_INGEST_URL,
      playbackId,
    };
  }

  /** Stops the breakers' timers (Nest calls it at shutdown). */
  onApplicationShutdown(): void {
    this.caller.shutdown();
  }

  async completeLiveStream(tenantId: string, vendorStreamId: string): Promise<void> {
    // Complete ends the broadcast and finishes the recording now; disable then refuses the key the camera
    // held, so nothing can push to the court's stream after its session (both idempotent at Mux).
    for (const operation of ['complete', 'disable'] as const) {
      await this.caller.call(
        { vendor: 'mux', tenant: tenantId, operation: `live-streams.${operation}` },
        async (signal) => {
          try {
            await this.mux.video.liveStreams[operation](vendorStreamId, { signal });
          } catch (error) {
            // Already gone at Mux (deleted by an operator): nothing left to end.
            if (httpStatusOf(error) !== 404) throw error;
          }
        },
      );
    }
  }

  async createClip(tenantId: string, clip: ClipRequest): Promise<{ vendorAssetId: string }> {
    const passthrough = JSON.stringify({ h: clip.highlightId });
    if (clip.adoptExisting) {
      const found = await this.caller.call(
        { vendor: 'mux', tenant: tenantId, operation: 'assets.list' },
        async (signal) => {
          let seen = 0;
          for await (const asset of this.mux.video.assets.list({ limit: 100 }, { signal })) {
            if (asset.passthrough === passthrough) return asset;
            if (++seen >= FIND_LIMIT) break;
          }
          return undefined;
        },
      );
      if (found) return { vendorAssetId: found.id };
    }
    const asset = await this.caller.call(
      { vendor: 'mux', tenant: tenantId, operation: 'assets.create' },
      (signal) =>
        this.mux.video.assets.create(
          {
            inputs: [
              {
                url: `mux://assets/${clip.sourceAssetId}`,
                start_time: clip.startSeconds,
                end_time: clip.endSeconds,
              },
            ],
            playback_policies: ['signed'],
            passthrough,
          },
          { signal },
        ),
      // Not idempotent at Mux: a failure is the local step's to retry (its run is recorded).
      { isRetriable: () => false },
    );
    return { vendorAssetId: asset.id };
  }

  async getAsset(tenantId: string, assetId: string): Promise<VendorAsset> {
    return this.caller.call(
      { vendor: 'mux', tenant: tenantId, operation: 'assets.retrieve' },
      async (signal) => {
        try {
          return muxAsset(await this.mux.video.assets.retrieve(assetId, { signal }));
        } catch (error) {
          if (httpStatusOf(error) === 404) return { status: 'gone' as const };
          throw error;
        }
      },
    );
  }

  assetOf(data: Record<string, unknown>): VendorAsset {
    return muxAsset(data);
  }

  async deleteAsset(tenantId: string, assetId: string): Promise<void> {
    await this.caller.call(
      { vendor: 'mux', tenant: tenantId, operation: 'assets.delete' },
      async (signal) => {
        try {
          await this.mux.video.assets.delete(assetId, { signal });
        } catch (error) {
          if (httpStatusOf(error) !== 404) throw error;
        }
      },
    );
  }

  async createSigningKey(tenantId: string): Promise<SigningKey> {
    const key = await this.caller.call(
      { vendor: 'mux', tenant: tenantId, operation: 'signing-keys.create' },
      (signal) => this.mux.system.signingKeys.create({ signal }),
      { isRetriable: () => false },
    );
    if (!key.private_key) throw new Error(`Mux signing key ${key.id} came without its private key`);
    return { keyId: key.id, privateKey: key.private_key };
  }

  async deleteSigningKey(tenantId: string, keyId: string): Promise<void> {
    await this.caller.call({ vendor: 'mux', tenant: tenantId, operation: 'signing-keys.delete' }, (signal) =>
      this.mux.system.signingKeys.delete(keyId, { signal }),
    );
  }

  async playbackUrl(playbackId: string, key: SigningKey, expiresAt: Date): Promise<string> {
    const seconds = Math.max(1, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
    const token = await this.mux.jwt.signPlaybackId(playbackId, {
      keyId: key.keyId,
      keySecret: key.privateKey,
      type: 'video',
      expiration: `${seconds}s`,
    });
    return `${this.config.MUX_PLAYBACK_URL.replace(/\/$/, '')}/${playbackId}.m3u8?token=${token}`;
  }

  async verifyWebhook(
    rawBody: string,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<VendorEvent> {
    // Any of the secrets (the newest first, the previous one while a rotation is under way).
    let verified = false;
    for (const secret of this.config.MUX_WEBHOOK_SECRETS) {
      try {
        await this.mux.webhooks.verifySignature(rawBody, headers as Record<string, string>, secret);
        verified = true;
        break;
      } catch {
        // the next secret
      }
    }
    if (!verified) {
      throw new InvalidWebhookSignatureError('the Mux-Signature does not match (or is older than 5 minutes)');
    }
    let event: { id?: unknown; type?: unknown; data?: unknown } | null;
    try {
      event = JSON.parse(rawBody) as typeof event;
    } catch {
      throw new InvalidWebhookError('body', 'is not JSON');
    }
    // Its shape is the caller's to check (a signed body can still be anything).
    return { id: event?.id, type: event?.type, data: event?.data } as VendorEvent;
  }
}
