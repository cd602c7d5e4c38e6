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
  /** Stable per replica, so its QoS 1 session (scans queued while it was away) survives a restart. */
  MQTT_DEVICES_CLIENT_ID: z.string().min(1).max(64).default(`iot-bridge-${hostname()}`.slice(0, 64)),
  /** A scan with no check-in outcome by then is answered "try again" at the door. */
  RFID_ANSWER_DEADLINE_MS: z.coerce.number().int().min(1_000).default(10_000),
});

export type IotBridgeConfig = z.infer<typeof iotBridgeConfigSchema>;
