import { z } from 'zod';
import { optionalVariable, sealingKeys, serviceConfigSchema } from '@sportclub/service-kit';

/**
 * video's settings. Locally Mux is the partner sandbox (MUX_API_URL); in production it is unset and the
 * SDK talks to `https://api.mux.com`.
 */
export const videoConfigSchema = serviceConfigSchema.extend({
  /** A Mux access token (Settings → Access tokens) with Mux Video read and write. */
  MUX_TOKEN_ID: z.string().min(1),
  MUX_TOKEN_SECRET: z.string().min(1),
  /** Base of the Mux API; unset: Mux's own. */
  MUX_API_URL: optionalVariable(z.url()),
  /** Where cameras push RTMPS (Mux: `rtmps://global-live.mux.com:443/app`). */
  MUX_INGEST_URL: z.url().default('rtmps://global-live.mux.com:443/app'),
  /**
   * The signing secrets of Mux's webhooks to this service (`POST /webhooks/mux`), comma-separated: the
   * newest first, the previous one too while a rotation is under way.
   */
  MUX_WEBHOOK_SECRETS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().min(16)).min(1)),
  /** Where signed playback is served (`<url>/<playback id>.m3u8?token=…`); the sandbox's `/stream` locally. */
  MUX_PLAYBACK_URL: z.url().default('https://stream.mux.com'),
  /** How long a playback URL the gateway hands out plays, in seconds. */
  PLAYBACK_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3_600),
  /**
   * The keys each club's Mux signing key is sealed with at rest (`<keyId>:<base64 of 32 bytes>`,
   * comma-separated; the first seals, any opens).
   */
  SIGNING_KEYS: sealingKeys,
  /** Days a club's highlight clips are kept when the club has not set its own (then deleted, at Mux too). */
  CLIP_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(30),
  /** Presses of one court's button within this many ms of the last accepted one are the same play. */
  HIGHLIGHT_DEBOUNCE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /**
   * A requested clip whose outcome has not arrived by webhook this many ms later is looked up at Mux,
   * and again at the same interval until it is ready or failed.
   */
  CLIP_CHECK_AFTER_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(120_000),
  /** Courts whose streams are brought in line at once. */
  STREAM_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
});

export type VideoConfig = z.infer<typeof videoConfigSchema>;
