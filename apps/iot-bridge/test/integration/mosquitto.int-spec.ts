import { randomUUID } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { localInfraEnv, repoRoot } from '@sportclub/testing';

const url = localInfraEnv(repoRoot()).MQTT_URL;

describe('Mosquitto (real broker)', () => {
  let device: MqttClient;
  let bridge: MqttClient;

  afterEach(async () => {
    await Promise.all([device?.endAsync(), bridge?.endAsync()]);
  });

  it('carries a QoS 1 reader scan from a device to the bridge subscription on rfid/+/scan', async () => {
    const readerId = `reader-${randomUUID().slice(0, 8)}`;
    bridge = await connectAsync(url, { clientId: `bridge-${readerId}`, clean: true });
    const granted = await bridge.subscribeAsync('rfid/+/scan', { qos: 1 });
    expect(granted[0].qos).toBe(1);
    const received = new Promise<{ topic: string; payload: unknown; qos: number }>((resolve) =>
      bridge.on(
        'message',
        (topic, payload, packet) =>
          topic.endsWith(`${readerId}/scan`) &&
          resolve({ topic, payload: JSON.parse(payload.toString()), qos: packet.qos }),
      ),
    );

    device = await connectAsync(url, { clientId: readerId });
    const scan = { scan_id: randomUUID(), card_id: '04A2B3C4D5', timestamp: new Date().toISOString() };
    await device.publishAsync(`rfid/${readerId}/scan`, JSON.stringify(scan), { qos: 1 });

    await expect(received).resolves.toEqual({ topic: `rfid/${readerId}/scan`, payload: scan, qos: 1 });
  });
});
