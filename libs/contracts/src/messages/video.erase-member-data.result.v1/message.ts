import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const schema = {
  type: 'object',
  required: ['erased'],
  properties: {
    erased: {
      type: 'object',
      required: ['highlights', 'sharedHighlights', 'sessions'],
      additionalProperties: false,
      properties: {
        /** Clips deleted (the vendor's copies go within minutes). */
        highlights: { type: 'integer', minimum: 0 },
        /** Clips other players keep, the member no longer among their viewers. */
        sharedHighlights: { type: 'integer', minimum: 0 },
        sessions: { type: 'integer', minimum: 0 },
      },
    },
  },
} as const satisfies JSONSchema;

export type VideoEraseMemberDataResultV1 = FromSchema<typeof schema>;

export const VideoEraseMemberDataResultV1 = defineMessage<VideoEraseMemberDataResultV1>({
  type: 'video.erase-member-data.result.v1',
  kind: 'reply',
  service: 'video',
  summary: 'What was erased.',
  schema,
});
