/** Handles one device message; `levels` are what the filter's `+` (and `#`) wildcards matched. */
export type DeviceTopicHandler = (levels: string[], payload: Buffer, topic: string) => Promise<void>;

/**
 * The bridge's session with the device broker, as the entry points and use cases see it: a handler
 * per topic filter, and QoS 1 messages to devices.
 */
export interface DeviceBroker {
  /** Registered before the session starts; each filter is subscribed with QoS 1. */
  route(filter: string, handle: DeviceTopicHandler): void;
  /** Resolves once the broker has the message; fails after `timeoutMs` (e.g. while offline). */
  publish(topic: string, message: object, timeoutMs?: number): Promise<void>;
}

export const DEVICE_BROKER = Symbol('DeviceBroker');
