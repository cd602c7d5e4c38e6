import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, VIEWER } from '../fields';

const schema = {
  type: 'object',
  required: ['viewer', 'limit'],
  properties: {
    viewer: VIEWER,
    /** Staff only: the highlights of this member. A member always gets their own. */
    memberId: ID,
    courtId: ID,
    limit: { type: 'integer', minimum: 1, maximum: 100 },
  },
} as const satisfies JSONSchema;

export type VideoListHighlightsV1 = FromSchema<typeof schema>;

export const VideoListHighlightsV1 = defineMessage<VideoListHighlightsV1>({
  type: 'video.list-highlights.v1',
  kind: 'command',
  service: 'video',
  summary: "The club's highlights the viewer may see, newest first (a query, answered by reply).",
  schema,
});
