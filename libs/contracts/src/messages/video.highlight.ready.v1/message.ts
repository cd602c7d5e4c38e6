import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { DEVICE_ID, ID, TIMESTAMP, UUID } from '../fields';

const schema = {
  type: 'object',
  required: [
    'highlightId',
    'streamId',
    'courtId',
    'cameraId',
    'pressedAt',
    'startSeconds',
    'durationSeconds',
    'memberIds',
  ],
  properties: {
    highlightId: UUID,
    streamId: UUID,
    courtId: ID,
    cameraId: DEVICE_ID,
    /** When the court's button was pressed. */
    pressedAt: TIMESTAMP,
    /** Where the clip starts in the stream's recording, in seconds (10 s before the press, never before 0). */
    startSeconds: { type: 'number', minimum: 0 },
    durationSeconds: { type: 'number', exclusiveMinimum: 0 },
    /** The members whose sessions were on the court at the press: they may watch it (and are told). */
    memberIds: { type: 'array', items: ID, maxItems: 50 },
  },
} as const satisfies JSONSchema;

export type VideoHighlightReadyV1 = FromSchema<typeof schema>;

export const VideoHighlightReadyV1 = defineMessage<VideoHighlightReadyV1>({
  type: 'video.highlight.ready.v1',
  kind: 'event',
  topic: 'video.highlight.v1',
  summary:
    "A highlight's clip is ready to play (privately: through the gateway, for the court's players and staff).",
  schema,
});
