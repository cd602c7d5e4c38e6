/** What the vendor is told of a stream (`passthrough`, ≤ 255 characters at Mux): whose it is. */
export interface StreamPassthrough {
  streamId: string;
  tenantId: string;
  courtId: string;
  sessionId: string;
}

/** A live stream the vendor created: where the encoder sends (RTMPS URL and secret key) and its playback. */
export interface CreatedLiveStream {
  vendorStreamId: string;
  /** The encoder's secret: given to the court's camera only (its own MQTT topic), never stored or logged. */
  streamKey: string;
  ingestUrl: string;
  /** A signed playback id (private playback: every URL carries a JWT). */
  playbackId: string;
}

/**
 * The video vendor, one adapter per provider (Mux first; Cloudflare Stream would be another). Seed 000's
 * `VideoPlatformPort`, with private playback. Errors: the resilience layer's (`CircuitOpenError`,
 * `CallTimeoutError`) or the vendor's (`httpStatusOf` reads the status).
 */
export interface VideoPlatformPort {
  /**
   * Creates a low-latency live stream recording into a signed asset, reconnect window 60 s — or returns
   * the one already created with this passthrough's `streamId` (a retry after a crash).
   */
  createLiveStream(tenantId: string, passthrough: StreamPassthrough): Promise<CreatedLiveStream>;
  /**
   * Ends the broadcast now (the recording becomes an asset) and refuses the key from then on (a stream
   * already completed or gone is fine).
   */
  completeLiveStream(tenantId: string, vendorStreamId: string): Promise<void>;
  /**
   * Asks for a clip of a live recording (`startSeconds`–`endSeconds` from its first frame; the end may
   * lie ahead of the live edge: the vendor finishes it once recorded), privately playable, carrying the
   * highlight's id. Not idempotent at the vendor: a retry passes `adoptExisting`.
   */
  createClip(tenantId: string, clip: ClipRequest): Promise<{ vendorAssetId: string }>;
  /**
   * An asset (a clip) as the vendor has it now: how the platform learns an outcome whose webhook never
   * arrived. `gone` when the vendor no longer has it (404).
   */
  getAsset(tenantId: string, assetId: string): Promise<VendorAsset>;
  /** The same, read from an asset object the vendor sent (a webhook's `data`). */
  assetOf(data: Record<string, unknown>): VendorAsset;
  /** Deletes an asset (a clip) at the vendor; one already gone is fine. */
  deleteAsset(tenantId: string, assetId: string): Promise<void>;
  /** A new signing key for a club's playback tokens (RSA; the private key as Mux gives it, base64 PEM). */
  createSigningKey(tenantId: string): Promise<SigningKey>;
  deleteSigningKey(tenantId: string, keyId: string): Promise<void>;
  /** An HLS URL for a signed playback id, with a token (RS256, the key's `kid`) valid until `expiresAt`. */
  playbackUrl(playbackId: string, key: SigningKey, expiresAt: Date): Promise<string>;
  /**
   * Checks a webhook's signature over its exact bytes: the event as sent (its shape unchecked), or
   * `InvalidWebhookSignatureError`; `InvalidWebhookError` (field `body`) when a signed body is not JSON.
   */
  verifyWebhook(
    rawBody: string,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<VendorEvent>;
}

export interface ClipRequest {
  sourceAssetId: string;
  startSeconds: number;
  endSeconds: number;
  highlightId: string;
  /** A clip the vendor already has for this highlight (an earlier attempt's answer was lost) is returned instead of made again. */
  adoptExisting?: boolean;
}

/** A clip at the vendor: still being made, playable (its signed playback id), failed, or deleted. */
export type VendorAsset =
  | { status: 'preparing' }
  | { status: 'ready'; playbackId: string; durationSeconds: number }
  | { status: 'errored'; reason: string }
  | { status: 'gone' };

/** A vendor webhook as verified: its id (deduplication), type and object. */
export interface VendorEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

export interface SigningKey {
  keyId: string;
  privateKey: string;
}

export class InvalidWebhookSignatureError extends Error {}

/** A signed webhook whose body is not an event (no id, no type, no object): `field` names what is wrong. */
export class InvalidWebhookError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field} ${reason}`);
  }
}

export const VIDEO_PLATFORM = Symbol('VIDEO_PLATFORM');
