import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { DEVICE_ID, ID, UUID } from '../fields';

const schema = {
  type: 'object',
  required: ['streamId', 'courtId', 'cameraId', 'vendor', 'vendorStreamId'],
  properties: {
    streamId: UUID,
    courtId: ID,
    /** The court's camera the stream is for (its device id in iot-bridge's registry). */
    cameraId: DEVICE_ID,
    vendor: { enum: ['mux'] },
    vendorStreamId: { type: 'string', minLength: 1, maxLength: 200 },
    /** The session whose start opened the court's stream. */
    sessionId: ID,
  },
} as const satisfies JSONSchema;

export type VideoStreamCreatedV1 = FromSchema<typeof schema>;

export const VideoStreamCreatedV1 = defineMessage<VideoStreamCreatedV1>({
  type: 'video.stream.created.v1',
  kind: 'event',
  topic: 'video.stream.v1',
  summary:
    "A court's camera got a live stream at the video vendor (a session began on the court); its encoder was handed the key.",
  schema,
});
