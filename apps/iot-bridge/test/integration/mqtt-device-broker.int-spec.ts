import { connectAsync, type MqttClient } from 'mqtt';
import {
  eventually,
  localInfraEnv,
  repoRoot,
  startDevicesBroker,
  type DevicesBroker,
} from '@sportclub/testing';
import { MosquittoBrokerLoginsAdapter } from '../../src/devices/infrastructure/mosquitto-broker-logins.adapter';
import { hashPassword } from '../../src/devices/infrastructure/mosquitto-credentials.adapter';
import { MqttDeviceBrokerAdapter } from '../../src/shared/infrastructure/mqtt-device-broker.adapter';

/**
 * The bridge's session adapter against the real secured Mosquitto: every device message is
 * acknowledged, answered or not, and replies never wait on the broker while a message is handled.
 */
describe('MqttDeviceBrokerAdapter (real broker)', () => {
  let broker: DevicesBroker;
  let device: MqttClient;
  const adapters: MqttDeviceBrokerAdapter[] = [];
  const infra = localInfraEnv(repoRoot());
  const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };
  const bridge = (handled: string[]) => {
    const adapter = new MqttDeviceBrokerAdapter(
      {
        url: broker.url,
        username: infra.MQTT_DEVICES_USERNAME,
        password: infra.MQTT_DEVICES_PASSWORD,
        clientId: 'bridge-under-test',
        shareGroup: 'int',
      },
      quiet,
    );
    adapter.route('rfid/+/scan', {
      handle: async ([reader], payload) => {
        handled.push(payload.toString());
        if (payload.toString().startsWith('fail')) throw new Error('database down');
        return { topic: `rfid/${reader}/response`, message: { echo: payload.toString() } };
      },
      failed: ([reader], payload) => ({
        topic: `rfid/${reader}/response`,
        message: { gaveUp: payload.toString() },
      }),
    });
    adapters.push(adapter);
    return adapter;
  };

  beforeAll(async () => {
    broker = await startDevicesBroker();
    const password = 'reader-password-0123456789';
    await new MosquittoBrokerLoginsAdapter(
      broker.dir,
      { username: infra.MQTT_DEVICES_USERNAME, password: infra.MQTT_DEVICES_PASSWORD },
      quiet,
    ).replace([{ username: 'reader-int', passwordHash: hashPassword(password) }]);
    await eventually(async () => {
      device = (await connectAsync(broker.url, {
        username: 'reader-int',
        password,
        clientId: 'reader-int',
        reconnectPeriod: 0,
      }).catch(() => undefined))!;
      return device !== undefined;
    }, 'the broker took the new logins');
  });
  afterAll(async () => {
    await Promise.allSettled(adapters.map((a) => a.close()));
    await device?.endAsync();
    await broker?.stop();
  });

  it('sends each reply without waiting on the broker, and acknowledges a message it gave up on', async () => {
    const answers: unknown[] = [];
    device.on('message', (_topic, payload) => answers.push(JSON.parse(payload.toString())));
    await device.subscribeAsync('rfid/reader-int/response', { qos: 1 });
    const handled: string[] = [];
    await bridge(handled).connect();

    const started = Date.now();
    for (let i = 0; i < 10; i++) await device.publishAsync('rfid/reader-int/scan', `scan-${i}`, { qos: 1 });
    await eventually(() => answers.length === 10, 'ten replies', 10_000);
    // Awaiting each reply's PUBACK inside the handler would stall every message by the publish timeout.
    expect(Date.now() - started).toBeLessThan(2_000);

    await device.publishAsync('rfid/reader-int/scan', 'fail-1', { qos: 1 });
    await eventually(() => answers.length === 11, 'the give-up reply', 10_000);
    expect(answers[10]).toEqual({ gaveUp: 'fail-1' });
    expect(handled.filter((h) => h === 'fail-1')).toHaveLength(3);

    // The same persistent session again: an unacknowledged message would be delivered once more now.
    await adapters[0].close();
    const again: string[] = [];
    await bridge(again).connect();
    await device.publishAsync('rfid/reader-int/scan', 'after-reconnect', { qos: 1 });
    await eventually(() => again.includes('after-reconnect'), 'the next message', 10_000);
    expect(again).toEqual(['after-reconnect']);
  });
});
