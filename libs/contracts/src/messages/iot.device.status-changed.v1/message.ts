import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { DEVICE_ID, DEVICE_KIND, DEVICE_STATUS, TIMESTAMP } from '../fields';

/** Exported for the next major, which builds on it. */
export const schema = {
  type: 'object',
  required: ['deviceId', 'kind', 'status', 'reportedAt'],
  properties: {
    deviceId: DEVICE_ID,
    kind: DEVICE_KIND,
    status: DEVICE_STATUS,
    /** Absent the first time a device reports. */
    previousStatus: DEVICE_STATUS,
    batteryPercent: { type: 'integer', minimum: 0, maximum: 100 },
    /** The device's own clock. */
    reportedAt: TIMESTAMP,
  },
} as const satisfies JSONSchema;

export type IotDeviceStatusChangedV1 = FromSchema<typeof schema>;

export const IotDeviceStatusChangedV1 = defineMessage<IotDeviceStatusChangedV1>({
  type: 'iot.device.status-changed.v1',
  kind: 'event',
  topic: 'iot.device.v1',
  summary: 'A device reported a status different from its last one (a tablet came online, failed, …).',
  schema,
});
