import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { DEVICE_KIND_V2, ID } from '../fields';
import { schema as v1 } from '../iot-bridge.list-devices.v1/message';

/**
 * v1's schema with the kinds of v2 (`DEVICE_KIND_V2`), and two more filters, so the video service can
 * ask for the enabled cameras of one court.
 */
const schema = {
  ...v1,
  properties: {
    ...v1.properties,
    kind: DEVICE_KIND_V2,
    /** Only the devices of this court. */
    courtId: ID,
    /** Only the enabled (true) or the disabled (false) devices. */
    enabled: { type: 'boolean' },
  },
} as const satisfies JSONSchema;

export type IotBridgeListDevicesV2 = FromSchema<typeof schema>;

export const IotBridgeListDevicesV2 = defineMessage<IotBridgeListDevicesV2>({
  type: 'iot-bridge.list-devices.v2',
  kind: 'command',
  service: 'iot-bridge',
  summary:
    "The club's registered devices, optionally of one kind, court or enabled state (a query, answered by reply).",
  schema,
});
