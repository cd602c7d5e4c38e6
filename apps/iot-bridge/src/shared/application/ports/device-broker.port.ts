/** A message for one device, e.g. the answer on its response topic. */
export interface DeviceReply {
  topic: string;
  message: object;
}

/** What the bridge does with the messages of one topic filter. */
export interface DeviceTopicRoute {
  /**
   * Handles one message; `levels` are what the filter's `+` (and `#`) wildcards matched. The reply it
   * returns is sent to the device, then the message is acknowledged.
   */
  handle(levels: string[], payload: Buffer, topic: string): Promise<DeviceReply | undefined>;
  /**
   * The reply when handling kept failing (say the database is down). The message is acknowledged all
   * the same: the device is told to try again, where an unacknowledged message would hold one of the
   * session's few delivery slots until the bridge reconnects.
   */
  failed?(levels: string[], payload: Buffer): DeviceReply | undefined;
}

/** The bridge's session with the device broker, as the entry points and use cases see it. */
export interface DeviceBroker {
  /** Registered before the session starts; each filter is subscribed with QoS 1. */
  route(filter: string, route: DeviceTopicRoute): void;
  /** Resolves once the broker has the message; fails after `timeoutMs` (e.g. while offline). */
  publish(topic: string, message: object, timeoutMs?: number): Promise<void>;
  /**
   * Makes `message` the topic's retained message, which the broker hands to whoever subscribes later
   * (`null` clears it); resolves and fails like `publish`.
   */
  retain(topic: string, message: object | null, timeoutMs?: number): Promise<void>;
}

export const DEVICE_BROKER = Symbol('DeviceBroker');
