import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { DEVICE_KIND_V2 } from '../fields';
import { schema as v1 } from '../iot.device.status-changed.v1/message';

/** v1's schema with the kinds of v2 (`DEVICE_KIND_V2`). */
const schema = {
  ...v1,
  properties: { ...v1.properties, kind: DEVICE_KIND_V2 },
} as const satisfies JSONSchema;

export type IotDeviceStatusChangedV2 = FromSchema<typeof schema>;

export const IotDeviceStatusChangedV2 = defineMessage<IotDeviceStatusChangedV2>({
  type: 'iot.device.status-changed.v2',
  kind: 'event',
  topic: 'iot.device.v1',
  summary:
    'A device reported a status different from its last one (a tablet came online, a camera failed, …).',
  schema,
});
