import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';

const schema = {
  type: 'object',
  required: ['outcome'],
  properties: {
    /**
     * `sent`: the broker keeps it for the camera (or cleared it). `unknown-device`: no device with that
     * id in this club (another club's is answered the same). `not-a-camera`: the club's device is of
     * another kind. `disabled`: the camera is disabled and gets no stream (clearing one still works).
     */
    outcome: { enum: ['sent', 'unknown-device', 'not-a-camera', 'disabled'] },
  },
} as const satisfies JSONSchema;

export type IotBridgeSetCameraStreamResultV1 = FromSchema<typeof schema>;

export const IotBridgeSetCameraStreamResultV1 = defineMessage<IotBridgeSetCameraStreamResultV1>({
  type: 'iot-bridge.set-camera-stream.result.v1',
  kind: 'reply',
  service: 'iot-bridge',
  summary: 'Outcome of set-camera-stream.',
  schema,
});
