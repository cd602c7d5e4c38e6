import { randomUUID } from 'node:crypto';
import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import type { DevicesBroker } from '@sportclub/testing';
import type { registryClient } from './registry-client';

/** What a device's door display or panel screen was told. */
export interface DeviceAnswer {
  status: string;
  message: string;
  color: string;
  scanId?: string | null;
  requestId?: string | null;
}

export interface ConnectedDevice {
  deviceId: string;
  password: string;
  client: MqttClient;
  /** Everything received on the topics it subscribed to, in order. */
  received: { topic: string; body: DeviceAnswer }[];
  /** Publishes a JSON body (or raw text) with QoS 1. */
  send(topic: string, body: unknown): Promise<void>;
}

/**
 * Registers a device in a club through the booted bridge's registry, logs it in to the device broker
 * with the password it was handed, and subscribes it to `listen` (its answer topic).
 */
export async function connectDevice(
  broker: DevicesBroker,
  registry: Awaited<ReturnType<typeof registryClient>>,
  tenantId: string,
  device: { kind: 'rfid-reader' | 'court-panel' | 'tablet'; courtId?: string; prefix?: string },
  listen: (deviceId: string) => string[] = () => [],
  options: IClientOptions = {},
): Promise<ConnectedDevice> {
  const deviceId = `${device.prefix ?? device.kind}-${randomUUID().slice(0, 8)}`;
  const registered = await registry.register(tenantId, {
    deviceId,
    kind: device.kind,
    courtId: device.courtId,
  });
  if (!registered.password) throw new Error(`${deviceId} not registered: ${JSON.stringify(registered)}`);
  const client = await connectAsync(broker.url, {
    username: deviceId,
    password: registered.password,
    clientId: deviceId,
    reconnectPeriod: 0,
    ...options,
  });
  const received: ConnectedDevice['received'] = [];
  client.on('message', (topic, payload) => received.push({ topic, body: JSON.parse(payload.toString()) }));
  const topics = listen(deviceId);
  if (topics.length > 0) await client.subscribeAsync(topics, { qos: 1 });
  return {
    deviceId,
    password: registered.password,
    client,
    received,
    send: async (topic, body) => {
      await client.publishAsync(topic, typeof body === 'string' ? body : JSON.stringify(body), { qos: 1 });
    },
  };
}
