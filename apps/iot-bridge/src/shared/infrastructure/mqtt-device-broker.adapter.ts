import { connect, type IPublishPacket, type MqttClient } from 'mqtt';
import { backoff } from '@sportclub/resilience';
import { matchTopic } from './topic-filter';
import type { DeviceBroker, DeviceReply, DeviceTopicRoute } from '../application/ports/device-broker.port';

export interface DeviceBrokerOptions {
  url: string;
  username: string;
  password: string;
  clientId: string;
  /** Replicas share one subscription group: each device message goes to one of them. */
  shareGroup: string;
}

interface Logger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const RETRIES = 3;

type Route = {
  filter: string;
  handle: (levels: string[], payload: Buffer, topic: string) => Promise<void>;
  failed: (levels: string[], payload: Buffer) => void;
};

/**
 * The bridge's session with the device broker. A persistent QoS 1 session (clean: false, a stable
 * client id), so device messages published while the bridge is away wait in the broker; the
 * acknowledgement (PUBACK) of each message is sent only once its handler has finished (mqtt.js
 * `handleMessage`, one message at a time), so a crash before that gets the message delivered again —
 * handlers dedupe. A handler that keeps failing is given up on: the device gets the route's `failed`
 * reply and the message is acknowledged, since an unacknowledged one holds a delivery slot of the
 * session (Mosquitto allows 20 in flight) until the bridge reconnects.
 */
export class MqttDeviceBrokerAdapter implements DeviceBroker {
  private client?: MqttClient;
  private readonly routes: Route[] = [];

  constructor(
    private readonly options: DeviceBrokerOptions,
    private readonly logger: Logger,
  ) {}

  /** Routes are registered before `connect`; the bridge subscribes to each filter with QoS 1. */
  route(filter: string, route: DeviceTopicRoute): void {
    this.routes.push({
      filter,
      handle: async (levels, payload, topic) => this.reply(await route.handle(levels, payload, topic)),
      failed: (levels, payload) => this.reply(route.failed?.(levels, payload)),
    });
  }

  async connect(timeoutMs = 15_000): Promise<void> {
    const { url, username, password, clientId, shareGroup } = this.options;
    const client = connect(url, {
      username,
      password,
      clientId,
      clean: false,
      reconnectPeriod: 1_000,
      connectTimeout: 5_000,
    });
    this.client = client;
    client.handleMessage = (packet, done) => void this.deliver(packet as IPublishPacket).then(() => done());
    client.on('error', (error) => this.logger.warn(`device broker: ${error.message}`));
    client.on('offline', () => this.logger.warn('device broker: offline, reconnecting'));
    // Ready once subscribed: a scan published after boot must not find the bridge's session without
    // its subscriptions. A resumed session keeps them; subscribing again is harmless.
    const subscribed = new Promise<void>((resolve) =>
      client.on('connect', (connack) => {
        const filters = this.routes.map((r) => `$share/${shareGroup}/${r.filter}`);
        client.subscribe(filters, { qos: 1 }, (error) => {
          if (error) return this.logger.error(`device broker: subscribing failed: ${error.message}`);
          this.logger.log(
            `device broker: subscribed as ${username} (session present: ${connack.sessionPresent})`,
          );
          resolve();
        });
      }),
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        void client.endAsync(true);
        reject(new Error(`device broker ${url} not reachable as ${username} within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    await Promise.race([subscribed, timeout]).finally(() => clearTimeout(timer));
  }

  /** QoS 1; resolves once the broker has the message, fails after `timeoutMs` (e.g. while offline). */
  publish(topic: string, message: object, timeoutMs = 2_000): Promise<void> {
    return this.send(topic, JSON.stringify(message), false, timeoutMs);
  }

  /** QoS 1 and retained; `null` sends the empty payload that clears the topic's retained message. */
  retain(topic: string, message: object | null, timeoutMs = 2_000): Promise<void> {
    return this.send(topic, message === null ? '' : JSON.stringify(message), true, timeoutMs);
  }

  /** The payload may hold a secret (a camera's stream key): no error or log line carries it. */
  private async send(topic: string, payload: string, retain: boolean, timeoutMs: number): Promise<void> {
    if (!this.client) throw new Error('device broker not connected');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.client.publishAsync(topic, payload, { qos: 1, retain }),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`publish to ${topic} not acknowledged in time`)),
          timeoutMs,
        );
      }),
    ]).finally(() => clearTimeout(timer));
  }

  async close(): Promise<void> {
    await this.client?.endAsync();
  }

  /** Handled or given up on, every message is acknowledged (by mqtt.js once this resolves). */
  private async deliver(packet: IPublishPacket): Promise<void> {
    const error = await this.dispatch(packet).catch((e: Error) => e);
    if (!error) return;
    for (const route of this.routes) {
      const levels = matchTopic(route.filter, packet.topic);
      if (!levels) continue;
      const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
      try {
        return route.failed(levels, payload);
      } catch (failure) {
        return this.logger.error(`no reply to ${packet.topic}: ${(failure as Error).message}`);
      }
    }
  }

  /**
   * QoS 1 without waiting for the broker's PUBACK: packets are handled one at a time, so it could
   * only be read after the handler returns. mqtt.js keeps the message until acknowledged and resends
   * it after a reconnect.
   */
  private reply(reply: DeviceReply | undefined): void {
    if (!reply || !this.client) return;
    this.client.publish(reply.topic, JSON.stringify(reply.message), { qos: 1 }, (error) => {
      if (error) this.logger.warn(`reply on ${reply.topic} not delivered: ${error.message}`);
    });
  }

  private async dispatch(packet: IPublishPacket): Promise<Error | undefined> {
    for (const route of this.routes) {
      const levels = matchTopic(route.filter, packet.topic);
      if (!levels) continue;
      const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
      for (let attempt = 1; ; attempt++) {
        try {
          await route.handle(levels, payload, packet.topic);
          return undefined;
        } catch (error) {
          if (attempt >= RETRIES) {
            this.logger.error(
              `device message on ${packet.topic} failed ${RETRIES} times, given up: ${(error as Error).message}`,
            );
            return error as Error;
          }
          const delay = backoff(attempt, { baseMs: 400, maxMs: 800, jitter: 'equal' });
          await new Promise((r) => setTimeout(r, delay));
        }
      }
    }
    return undefined; // a topic nobody routes (e.g. a retained leftover): acknowledged and dropped
  }
}
