import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { DEVICE_KIND } from '../fields';

/** Exported for the next major, which builds on it. */
export const schema = {
  type: 'object',
  properties: { kind: DEVICE_KIND },
} as const satisfies JSONSchema;

export type IotBridgeListDevicesV1 = FromSchema<typeof schema>;

export const IotBridgeListDevicesV1 = defineMessage<IotBridgeListDevicesV1>({
  type: 'iot-bridge.list-devices.v1',
  kind: 'command',
  service: 'iot-bridge',
  summary: "The club's registered devices, optionally of one kind (a query, answered by reply).",
  schema,
});
