import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { ID, REASON, UUID } from '../fields';

const schema = {
  type: 'object',
  required: ['highlightId', 'courtId', 'reason'],
  properties: {
    highlightId: UUID,
    courtId: ID,
    /** The vendor's words (`invalid_input: …`), or why no clip was asked for. */
    reason: REASON,
  },
} as const satisfies JSONSchema;

export type VideoHighlightFailedV1 = FromSchema<typeof schema>;

export const VideoHighlightFailedV1 = defineMessage<VideoHighlightFailedV1>({
  type: 'video.highlight.failed.v1',
  kind: 'event',
  topic: 'video.highlight.v1',
  summary: 'A highlight could not be clipped (the vendor refused it or its recording errored).',
  schema,
});
