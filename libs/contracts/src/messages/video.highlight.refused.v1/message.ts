import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { DEVICE_ID, ID, REASON } from '../fields';

const schema = {
  type: 'object',
  required: ['deviceId', 'requestId', 'courtId', 'code', 'reason'],
  properties: {
    /** The court panel whose button was pressed (`iot.button.pressed.v1`'s `deviceId`). */
    deviceId: DEVICE_ID,
    /** The panel's own id for the press (`iot.button.pressed.v1`'s `requestId`), which its answer names. */
    requestId: ID,
    courtId: ID,
    /**
     * Why no highlight was clipped: `no-recording` (no camera of the court was recording at the press).
     * Each is a message on the panel.
     */
    code: { enum: ['no-recording'] },
    reason: REASON,
  },
} as const satisfies JSONSchema;

export type VideoHighlightRefusedV1 = FromSchema<typeof schema>;

export const VideoHighlightRefusedV1 = defineMessage<VideoHighlightRefusedV1>({
  type: 'video.highlight.refused.v1',
  kind: 'event',
  topic: 'video.highlight.v1',
  summary:
    'A court button’s press clipped no highlight (nothing was recording on the court); published only for a ' +
    'press that carried the panel’s request id, with the press event’s correlation id. A new code is a new ' +
    'major: consumers map every code to what the panel shows.',
  schema,
});
