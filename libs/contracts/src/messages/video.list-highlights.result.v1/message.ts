import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { HIGHLIGHT } from '../fields';

const schema = {
  type: 'object',
  required: ['highlights'],
  properties: { highlights: { type: 'array', items: HIGHLIGHT } },
} as const satisfies JSONSchema;

export type VideoListHighlightsResultV1 = FromSchema<typeof schema>;

export const VideoListHighlightsResultV1 = defineMessage<VideoListHighlightsResultV1>({
  type: 'video.list-highlights.result.v1',
  kind: 'reply',
  service: 'video',
  summary: 'Highlights, newest first, without playback URLs (ask for one to play it).',
  schema,
});
