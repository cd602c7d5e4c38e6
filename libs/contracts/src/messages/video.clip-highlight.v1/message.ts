import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { UUID } from '../fields';

const schema = {
  type: 'object',
  required: ['highlightId'],
  properties: { highlightId: UUID },
} as const satisfies JSONSchema;

export type VideoClipHighlightV1 = FromSchema<typeof schema>;

export const VideoClipHighlightV1 = defineMessage<VideoClipHighlightV1>({
  type: 'video.clip-highlight.v1',
  kind: 'command',
  service: 'video',
  summary:
    "Asks the video vendor for a highlight's clip from its stream's recording (video's own durable step, run right after the press is recorded).",
  schema,
});
