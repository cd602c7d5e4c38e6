import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { DEVICE_ID, ID, TIMESTAMP } from '../fields';

const schema = {
  type: 'object',
  required: ['deviceId', 'courtId', 'memberId', 'requestedAt'],
  properties: {
    deviceId: DEVICE_ID,
    courtId: ID,
    memberId: ID,
    /** The device's own clock. */
    requestedAt: TIMESTAMP,
    /**
     * The panel's own id for the request, the same when it repeats it: what names the request (two
     * members on one panel may ask in the same second). Absent from events published before it existed.
     */
    requestId: ID,
  },
} as const satisfies JSONSchema;

export type IotCourtCheckoutRequestedV1 = FromSchema<typeof schema>;

export const IotCourtCheckoutRequestedV1 = defineMessage<IotCourtCheckoutRequestedV1>({
  type: 'iot.court.checkout-requested.v1',
  kind: 'event',
  topic: 'iot.device.v1',
  summary: 'A member asked for a check-out on a court panel.',
  schema,
});
