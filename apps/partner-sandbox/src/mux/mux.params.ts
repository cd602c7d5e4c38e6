import { z } from 'zod';
import { notSimulated } from './mux.errors';

/**
 * Request bodies and queries of the simulated Mux Video API, as the API reference (docs.mux.com/api-
 * reference) and @mux/mux-node's params types describe them. Unknown keys are ignored, as Mux ignores
 * them; features the sandbox does not simulate (DRM, simulcast, subtitles, static renditions, master
 * access) are refused by `refuseUnsimulated` rather than silently accepted.
 */

const policy = z.enum(['public', 'signed', 'drm']);
/** Mux takes one policy name or an array of them. */
const policies = z.union([policy, z.array(policy)]).transform((p) => (Array.isArray(p) ? p : [p]));
const policyFields = {
  playback_policies: policies.optional(),
  /** Deprecated spelling of `playback_policies`, still sent by older code. */
  playback_policy: policies.optional(),
  advanced_playback_policies: z
    .array(z.object({ policy: policy.optional(), drm_configuration_id: z.string().optional() }))
    .optional(),
};
const passthrough = z.string().max(255);
const meta = z
  .object({
    title: z.string().max(512).optional(),
    creator_id: z.string().max(128).optional(),
    external_id: z.string().max(128).optional(),
  })
  .optional();

/** Options of an asset: for `POST /assets`, and a live stream's `new_asset_settings` (its recordings). */
const assetOptions = {
  ...policyFields,
  passthrough: passthrough.optional(),
  meta,
  video_quality: z.enum(['basic', 'plus', 'premium']).optional(),
  encoding_tier: z.enum(['smart', 'baseline', 'premium']).optional(),
  max_resolution_tier: z.enum(['1080p', '1440p', '2160p']).optional(),
  normalize_audio: z.boolean().optional(),
  test: z.boolean().optional(),
  master_access: z.enum(['none', 'temporary']).optional(),
  mp4_support: z.string().optional(),
  static_renditions: z.array(z.unknown()).optional(),
};
export const assetOptionsSchema = z.object(assetOptions);
export type AssetOptionsInput = z.infer<typeof assetOptionsSchema>;

/** `POST /video/v1/live-streams`. */
export const liveStreamCreateSchema = z.object({
  ...policyFields,
  new_asset_settings: assetOptionsSchema.optional(),
  /** Seconds Mux waits for the encoder to come back before ending the recording (max 1800). */
  reconnect_window: z.number().min(0).max(1_800).optional(),
  latency_mode: z.enum(['low', 'reduced', 'standard']).optional(),
  low_latency: z.boolean().optional(),
  reduced_latency: z.boolean().optional(),
  passthrough: passthrough.optional(),
  /** Seconds a stream may stay active in one go (default 12 h); stored, not enforced. */
  max_continuous_duration: z.number().int().min(60).max(43_200).optional(),
  audio_only: z.boolean().optional(),
  test: z.boolean().optional(),
  meta: z.object({ title: z.string().max(512).optional() }).optional(),
  use_slate_for_standard_latency: z.boolean().optional(),
  reconnect_slate_url: z.string().optional(),
  simulcast_targets: z.array(z.unknown()).optional(),
  embedded_subtitles: z.array(z.unknown()).optional(),
  generated_subtitles: z.array(z.unknown()).optional(),
});
export type LiveStreamCreateInput = z.infer<typeof liveStreamCreateSchema>;

/** `PATCH /video/v1/live-streams/:id`: the subset Mux lets change. */
export const liveStreamUpdateSchema = liveStreamCreateSchema
  .pick({
    latency_mode: true,
    max_continuous_duration: true,
    meta: true,
    new_asset_settings: true,
    passthrough: true,
    reconnect_slate_url: true,
    reconnect_window: true,
    use_slate_for_standard_latency: true,
  })
  .partial();
export type LiveStreamUpdateInput = z.infer<typeof liveStreamUpdateSchema>;

const inputSettings = z.object({
  url: z.string().optional(),
  /** Seconds from the start of the source asset (clips only). */
  start_time: z.number().optional(),
  end_time: z.number().optional(),
  type: z.enum(['video', 'audio', 'text']).optional(),
  overlay_settings: z.unknown().optional(),
  generated_subtitles: z.array(z.unknown()).optional(),
});
/** An array of input settings, or a URL string as a shortcut for one. */
const inputs = z
  .union([z.string(), z.array(inputSettings).min(1)])
  .transform((i) => (typeof i === 'string' ? [{ url: i }] : i));

/** `POST /video/v1/assets` (`inputs`, or the deprecated `input` the clipping guide still shows). */
export const assetCreateSchema = z
  .object({
    inputs: inputs.optional(),
    input: inputs.optional(),
    ...assetOptions,
    copy_overlays: z.boolean().optional(),
  })
  .refine((a) => a.inputs ?? a.input, { message: 'is required', path: ['inputs'] });
export type AssetCreateInput = z.infer<typeof assetCreateSchema>;

/** `PATCH /video/v1/assets/:id`. */
export const assetUpdateSchema = z.object({ passthrough: passthrough.optional(), meta });

/** `POST …/playback-ids`. */
export const playbackIdCreateSchema = z.object({
  policy: policy.default('public'),
  drm_configuration_id: z.string().optional(),
});

const page = {
  /** Items per page (Mux's default 25, at most 100 here). */
  limit: z.coerce.number().int().min(1).max(100).default(25),
  /** 1-based page number. */
  page: z.coerce.number().int().min(1).default(1),
};
export const liveStreamListSchema = z.object({
  ...page,
  stream_key: z.string().optional(),
  status: z.enum(['active', 'idle', 'disabled']).optional(),
});
export const assetListSchema = z.object({
  ...page,
  cursor: z.string().optional(),
  live_stream_id: z.string().optional(),
  upload_id: z.string().optional(),
});
export const signingKeyListSchema = z.object(page);

/** `public` and `signed`: the playback policies the sandbox plays back. */
export type PlaybackPolicy = 'public' | 'signed';

/** The policies asked for, by any of Mux's spellings. */
export function requestedPolicies(input: {
  playback_policies?: string[];
  playback_policy?: string[];
  advanced_playback_policies?: { policy?: string }[];
}): PlaybackPolicy[] {
  const all = [
    ...(input.playback_policies ?? []),
    ...(input.playback_policy ?? []),
    ...(input.advanced_playback_policies ?? []).map((a) => a.policy ?? 'public'),
  ];
  if (all.includes('drm')) throw notSimulated('A drm playback policy');
  return all as PlaybackPolicy[];
}

/** Refuses the asset options the sandbox cannot honour. */
export function refuseUnsimulatedAssetOptions(options: AssetOptionsInput): void {
  if (options.master_access === 'temporary') throw notSimulated('master_access temporary');
  if (options.mp4_support && options.mp4_support !== 'none') throw notSimulated('mp4_support');
  if (options.static_renditions?.length) throw notSimulated('static_renditions');
}

/** Refuses the live stream features the sandbox cannot honour. */
export function refuseUnsimulatedLiveStreamOptions(input: LiveStreamCreateInput): void {
  if (input.simulcast_targets?.length) throw notSimulated('simulcast_targets');
  if (input.embedded_subtitles?.length) throw notSimulated('embedded_subtitles');
  if (input.generated_subtitles?.length) throw notSimulated('generated_subtitles');
  if (input.new_asset_settings) refuseUnsimulatedAssetOptions(input.new_asset_settings);
}
