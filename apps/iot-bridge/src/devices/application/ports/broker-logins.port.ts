/** One device's login on the broker: its username (the device id) and the hash of its password. */
export interface DeviceLogin {
  username: string;
  passwordHash: string;
}

/**
 * The device broker's logins, besides the bridge's own (which the adapter keeps). Topic rights are
 * the same for every device, bound to its own login (device-topics.ts), so only the logins vary.
 */
export interface BrokerLogins {
  /** Makes the broker's device logins exactly these; false when they already were. */
  replace(devices: DeviceLogin[]): Promise<boolean>;
}

export const BROKER_LOGINS = Symbol('BrokerLogins');
