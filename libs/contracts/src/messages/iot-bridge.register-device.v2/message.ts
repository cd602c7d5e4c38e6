import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { DEVICE_KIND_V2 } from '../fields';
import { schema as v1 } from '../iot-bridge.register-device.v1/message';

/** v1's schema with the kinds of v2 (`DEVICE_KIND_V2`); a camera, like a reader or a panel, needs its court. */
const schema = {
  ...v1,
  properties: { ...v1.properties, kind: DEVICE_KIND_V2 },
} as const satisfies JSONSchema;

export type IotBridgeRegisterDeviceV2 = FromSchema<typeof schema>;

export const IotBridgeRegisterDeviceV2 = defineMessage<IotBridgeRegisterDeviceV2>({
  type: 'iot-bridge.register-device.v2',
  kind: 'command',
  service: 'iot-bridge',
  summary: "Creates or updates a club's device in the registry (its broker login and topics follow).",
  schema,
});
