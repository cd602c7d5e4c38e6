import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID } from '../fields';

const schema = {
  type: 'object',
  required: ['days', 'setBy'],
  properties: {
    /** Clips older than this many days are deleted, at the vendor too. */
    days: { type: 'integer', minimum: 1, maximum: 3650 },
    setBy: ID,
  },
} as const satisfies JSONSchema;

export type VideoSetClipRetentionV1 = FromSchema<typeof schema>;

export const VideoSetClipRetentionV1 = defineMessage<VideoSetClipRetentionV1>({
  type: 'video.set-clip-retention.v1',
  kind: 'command',
  service: 'video',
  summary: "Sets how long the club's highlight clips are kept.",
  schema,
});
