import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {},
} as const satisfies JSONSchema;

export type VideoGetClipRetentionV1 = FromSchema<typeof schema>;

/** Answered with `video.set-clip-retention.result.v1`: the club's own retention, else the default. */
export const VideoGetClipRetentionV1 = defineMessage<VideoGetClipRetentionV1>({
  type: 'video.get-clip-retention.v1',
  kind: 'command',
  service: 'video',
  summary: "Reads how long the club's highlight clips are kept (the club's own setting, else the default).",
  schema,
});
