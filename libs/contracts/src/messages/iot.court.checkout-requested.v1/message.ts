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
