import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { DEVICE } from '../fields';

/** Exported for the next major, which builds on it. */
export const schema = {
  type: 'object',
  required: ['devices'],
  properties: { devices: { type: 'array', items: DEVICE } },
} as const satisfies JSONSchema;

export type IotBridgeListDevicesResultV1 = FromSchema<typeof schema>;

export const IotBridgeListDevicesResultV1 = defineMessage<IotBridgeListDevicesResultV1>({
  type: 'iot-bridge.list-devices.result.v1',
  kind: 'reply',
  service: 'iot-bridge',
  summary: "The club's devices, ordered by id.",
  schema,
});
