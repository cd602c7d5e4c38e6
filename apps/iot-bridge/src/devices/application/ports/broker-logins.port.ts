import type { TopicGrant } from '../../domain/device';

/** One device's login on the broker: its username, the hash of its password, the topics it may use. */
export interface DeviceLogin {
  username: string;
  passwordHash: string;
  grants: TopicGrant[];
}

/** The device broker's logins (besides the bridge's own, which the adapter keeps). */
export interface BrokerLogins {
  /** Makes the broker's device logins exactly these; false when they already were. */
  replace(devices: DeviceLogin[]): Promise<boolean>;
}

export const BROKER_LOGINS = Symbol('BrokerLogins');
