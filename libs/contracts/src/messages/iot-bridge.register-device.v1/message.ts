import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { defineMessage } from '../../message';
import { DEVICE_ID, DEVICE_KIND, ID } from '../fields';

/** Exported for the next major, which builds on it. */
export const schema = {
  type: 'object',
  required: ['deviceId', 'kind', 'credentialsKey'],
  properties: {
    deviceId: DEVICE_ID,
    kind: DEVICE_KIND,
    /** Required for readers and court panels: the court whose door or topics they serve. */
    courtId: ID,
    /** Defaults to true; a disabled device loses its broker login. */
    enabled: { type: 'boolean' },
    /** Issue a new password for an existing device (the old one stops working). */
    rotateCredentials: { type: 'boolean' },
    /**
     * An RSA public key (SPKI, PEM) the requester holds the private half of: a new password is sealed
     * with it (RSA-OAEP, SHA-256), so no outbox row, queue or log ever holds it in clear.
     */
    credentialsKey: { type: 'string', minLength: 100, maxLength: 2000 },
  },
} as const satisfies JSONSchema;

export type IotBridgeRegisterDeviceV1 = FromSchema<typeof schema>;

export const IotBridgeRegisterDeviceV1 = defineMessage<IotBridgeRegisterDeviceV1>({
  type: 'iot-bridge.register-device.v1',
  kind: 'command',
  service: 'iot-bridge',
  summary: "Creates or updates a club's device in the registry (its broker login and topics follow).",
  schema,
});
