import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { DEVICE_ID, ID, TIMESTAMP, UUID } from '../fields';

const schema = {
  type: 'object',
  required: ['streamId', 'courtId', 'cameraId', 'completedAt'],
  properties: {
    streamId: UUID,
    courtId: ID,
    cameraId: DEVICE_ID,
    completedAt: TIMESTAMP,
  },
} as const satisfies JSONSchema;

export type VideoStreamCompletedV1 = FromSchema<typeof schema>;

export const VideoStreamCompletedV1 = defineMessage<VideoStreamCompletedV1>({
  type: 'video.stream.completed.v1',
  kind: 'event',
  topic: 'video.stream.v1',
  summary:
    "A court's live stream was ended (the court's last session ended); its recording stays at the vendor.",
  schema,
});
