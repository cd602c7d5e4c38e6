import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { DEVICE_ID, ID } from '../fields';

const schema = {
  type: 'object',
  required: ['deviceId', 'stream'],
  properties: {
    /** A camera of the envelope's club. */
    deviceId: DEVICE_ID,
    /**
     * Where the camera's encoder pushes, kept for it on `camera/<deviceId>/stream` (retained) until
     * replaced; `null` clears it. The stream key is a credential: never logged.
     */
    stream: {
      type: ['object', 'null'],
      required: ['ingestUrl', 'streamKey', 'streamId'],
      additionalProperties: false,
      properties: {
        ingestUrl: { type: 'string', pattern: '^rtmps?://[^\\s/?#]+[^\\s]*$', maxLength: 2000 },
        streamKey: { type: 'string', minLength: 1, maxLength: 200 },
        /** The video platform's id of the live stream. */
        streamId: ID,
      },
    },
  },
} as const satisfies JSONSchema;

export type IotBridgeSetCameraStreamV1 = FromSchema<typeof schema>;

export const IotBridgeSetCameraStreamV1 = defineMessage<IotBridgeSetCameraStreamV1>({
  type: 'iot-bridge.set-camera-stream.v1',
  kind: 'command',
  service: 'iot-bridge',
  summary: "Hands a court camera's encoder the live stream to push to (or takes it back), on its own topic.",
  schema,
});
