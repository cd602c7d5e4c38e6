import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const schema = {
  type: 'object',
  required: ['days'],
  properties: { days: { type: 'integer', minimum: 1, maximum: 3650 } },
} as const satisfies JSONSchema;

export type VideoSetClipRetentionResultV1 = FromSchema<typeof schema>;

export const VideoSetClipRetentionResultV1 = defineMessage<VideoSetClipRetentionResultV1>({
  type: 'video.set-clip-retention.result.v1',
  kind: 'reply',
  service: 'video',
  summary: "The club's clip retention now in force, in days.",
  schema,
});
