import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { DEVICE, DEVICE_ID, REASON } from '../fields';

/** Exported for the next major, which builds on it. */
export const schema = {
  type: 'object',
  required: ['deviceId', 'outcome'],
  properties: {
    deviceId: DEVICE_ID,
    /** `not-found`: the id is taken outside this club (answered like any unknown id). */
    outcome: { enum: ['created', 'updated', 'not-found', 'invalid'] },
    /** Why an `invalid` registration was refused, naming the field. */
    reason: REASON,
    device: DEVICE,
    /** Only when a password was issued (creation or rotation); it is never shown again. */
    credentials: {
      type: 'object',
      required: ['username', 'sealedPassword'],
      properties: {
        username: DEVICE_ID,
        /** Base64 RSA-OAEP (SHA-256) ciphertext under the command's credentialsKey. */
        sealedPassword: { type: 'string', minLength: 1, maxLength: 2000 },
      },
    },
  },
} as const satisfies JSONSchema;

export type IotBridgeRegisterDeviceResultV1 = FromSchema<typeof schema>;

export const IotBridgeRegisterDeviceResultV1 = defineMessage<IotBridgeRegisterDeviceResultV1>({
  type: 'iot-bridge.register-device.result.v1',
  kind: 'reply',
  service: 'iot-bridge',
  summary: 'Outcome of register-device: the device, and its sealed password when one was issued.',
  schema,
});
