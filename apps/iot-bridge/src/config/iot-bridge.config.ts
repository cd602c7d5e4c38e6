import { createHmac } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import { serviceConfigSchema } from '@sportclub/service-kit';

/** The bridge also holds the privileged session on the device broker and writes that broker's logins. */
export const iotBridgeConfigSchema = serviceConfigSchema.extend({
  /** The secured broker devices connect to (not the anonymous one of MQTT_URL). */
  MQTT_DEVICES_URL: z.url({ protocol: /^mqtts?$/ }),
  /** The bridge's own login on that broker; no device may take this name. */
  MQTT_DEVICES_USERNAME: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, ., - and _ (1–64)')
    .default('iot-bridge'),
  MQTT_DEVICES_PASSWORD: z.string().min(16),
  /**
   * Where the broker reads its `passwd` and `acl` files and writes `mosquitto.pid`; this service
   * rewrites the files from the registry and signals the broker to reload. Relative to the working
   * directory (the repository root for `npm start` and the tests).
   */
  MQTT_DEVICES_AUTH_DIR: z.string().min(1),
  /**
   * Stable per replica, so its QoS 1 session (scans queued while it was away) survives a restart.
   * Unset: derived from the host and the bridge's password (bridgeClientId).
   */
  MQTT_DEVICES_CLIENT_ID: z.string().min(1).max(64).optional(),
  /** A scan with no check-in outcome by then is answered "try again" at the door. */
  RFID_ANSWER_DEADLINE_MS: z.coerce.number().int().min(1_000).default(10_000),
  /**
   * The acceptance window of device requests (scans, panel check-ins, check-outs, button presses) by
   * the device's clock: older than this is refused...
   */
  DEVICE_REQUEST_MAX_AGE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  /** ...and so is one stamped further ahead of the bridge's clock than this (clocks drift a little). */
  DEVICE_REQUEST_MAX_AHEAD_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
});

export type IotBridgeConfig = z.infer<typeof iotBridgeConfigSchema>;

/**
 * The bridge's client id on the device broker. Mosquitto hands a session to whoever connects with its
 * client id, whatever the login: a device that guessed `iot-bridge-<host>` would take the bridge's
 * subscriptions and the scans queued for it (which its own ACL then drops). The default therefore
 * carries a digest only the bridge's password gives.
 */
export function bridgeClientId(
  c: Pick<IotBridgeConfig, 'MQTT_DEVICES_CLIENT_ID' | 'MQTT_DEVICES_PASSWORD'>,
  host = hostname(),
): string {
  if (c.MQTT_DEVICES_CLIENT_ID) return c.MQTT_DEVICES_CLIENT_ID;
  const digest = createHmac('sha256', c.MQTT_DEVICES_PASSWORD).update(host).digest('base64url');
  return `iot-bridge-${host.slice(0, 36)}-${digest.slice(0, 16)}`;
}
