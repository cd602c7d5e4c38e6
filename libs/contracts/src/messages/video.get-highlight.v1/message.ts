import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { UUID, VIEWER } from '../fields';

const schema = {
  type: 'object',
  required: ['highlightId', 'viewer'],
  properties: {
    highlightId: UUID,
    /** Who asks (the gateway's principal): a member sees the highlights of courts they were on; staff all. */
    viewer: VIEWER,
  },
} as const satisfies JSONSchema;

export type VideoGetHighlightV1 = FromSchema<typeof schema>;

export const VideoGetHighlightV1 = defineMessage<VideoGetHighlightV1>({
  type: 'video.get-highlight.v1',
  kind: 'command',
  service: 'video',
  summary:
    'One highlight of the club, with a fresh signed playback URL once ready (a query, answered by reply).',
  schema,
});
