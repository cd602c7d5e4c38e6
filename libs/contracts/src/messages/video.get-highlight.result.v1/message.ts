import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { HIGHLIGHT } from '../fields';

const schema = {
  type: 'object',
  required: ['outcome'],
  properties: {
    /** `not-found`: no such highlight of the club, or not one the viewer may see (never told apart). */
    outcome: { enum: ['found', 'not-found'] },
    highlight: HIGHLIGHT,
  },
} as const satisfies JSONSchema;

export type VideoGetHighlightResultV1 = FromSchema<typeof schema>;

export const VideoGetHighlightResultV1 = defineMessage<VideoGetHighlightResultV1>({
  type: 'video.get-highlight.result.v1',
  kind: 'reply',
  service: 'video',
  summary: 'The highlight with its playback, or not-found.',
  schema,
});
