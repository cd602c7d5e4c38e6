import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { DEVICE_V2 } from '../fields';
import { schema as v1 } from '../iot-bridge.list-devices.result.v1/message';

/** v1's schema with the kinds of v2 (`DEVICE_KIND_V2`). */
const schema = {
  ...v1,
  properties: { ...v1.properties, devices: { type: 'array', items: DEVICE_V2 } },
} as const satisfies JSONSchema;

export type IotBridgeListDevicesResultV2 = FromSchema<typeof schema>;

export const IotBridgeListDevicesResultV2 = defineMessage<IotBridgeListDevicesResultV2>({
  type: 'iot-bridge.list-devices.result.v2',
  kind: 'reply',
  service: 'iot-bridge',
  summary: "The club's devices, ordered by id.",
  schema,
});
