import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { DEVICE_V2 } from '../fields';
import { schema as v1 } from '../iot-bridge.register-device.result.v1/message';

/** v1's schema with the kinds of v2 (`DEVICE_KIND_V2`). */
const schema = {
  ...v1,
  properties: { ...v1.properties, device: DEVICE_V2 },
} as const satisfies JSONSchema;

export type IotBridgeRegisterDeviceResultV2 = FromSchema<typeof schema>;

export const IotBridgeRegisterDeviceResultV2 = defineMessage<IotBridgeRegisterDeviceResultV2>({
  type: 'iot-bridge.register-device.result.v2',
  kind: 'reply',
  service: 'iot-bridge',
  summary: 'Outcome of register-device: the device, and its sealed password when one was issued.',
  schema,
});
