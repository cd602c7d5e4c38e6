import type { StreamPassthrough } from '../../domain/court-streams';

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
}

export const VIDEO_PLATFORM = Symbol('VIDEO_PLATFORM');
