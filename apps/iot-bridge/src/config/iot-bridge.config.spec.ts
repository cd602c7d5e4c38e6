import { loadConfig } from '@sportclub/service-kit';
import { bridgeClientId, iotBridgeConfigSchema } from './iot-bridge.config';

describe("the bridge's client id on the device broker", () => {
  const password = 'iot-bridge-dev-password';

  it('is stable for a host and password, and cannot be told from the host alone', () => {
    const id = bridgeClientId({ MQTT_DEVICES_PASSWORD: password }, 'node-1');
    expect(id).toBe(bridgeClientId({ MQTT_DEVICES_PASSWORD: password }, 'node-1'));
    expect(id).toMatch(/^iot-bridge-node-1-[\w-]{16}$/);
    expect(id).not.toBe(bridgeClientId({ MQTT_DEVICES_PASSWORD: `${password}!` }, 'node-1'));
    expect(id).not.toBe(bridgeClientId({ MQTT_DEVICES_PASSWORD: password }, 'node-2'));
  });

  it('fits MQTT client id limits on a long host name, and a configured id wins', () => {
    expect(bridgeClientId({ MQTT_DEVICES_PASSWORD: password }, 'x'.repeat(200)).length).toBeLessThanOrEqual(
      64,
    );
    expect(bridgeClientId({ MQTT_DEVICES_PASSWORD: password, MQTT_DEVICES_CLIENT_ID: 'bridge-a' })).toBe(
      'bridge-a',
    );
  });
});

describe('the acceptance window settings', () => {
  const env = {
    PORT: '3005',
    DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
    KAFKA_BROKERS: '127.0.0.1:9092',
    RABBITMQ_URL: 'amqp://127.0.0.1:5672',
    MQTT_DEVICES_URL: 'mqtt://127.0.0.1:1884',
    MQTT_DEVICES_PASSWORD: 'a-password-of-16-chars',
    MQTT_DEVICES_AUTH_DIR: '.cache/mosquitto-devices',
  };

  it('default to 60 s old and 30 s ahead', () => {
    expect(loadConfig(iotBridgeConfigSchema, env)).toMatchObject({
      DEVICE_REQUEST_MAX_AGE_MS: 60_000,
      DEVICE_REQUEST_MAX_AHEAD_MS: 30_000,
    });
  });

  it.each([
    ['DEVICE_REQUEST_MAX_AGE_MS', 'soon'],
    ['DEVICE_REQUEST_MAX_AGE_MS', '0'],
    ['DEVICE_REQUEST_MAX_AGE_MS', '86400000'],
    ['DEVICE_REQUEST_MAX_AHEAD_MS', '-1'],
    ['DEVICE_REQUEST_MAX_AHEAD_MS', '1.5'],
  ])('stop the boot on %s=%s, naming the variable', (variable, value) => {
    expect(() => loadConfig(iotBridgeConfigSchema, { ...env, [variable]: value })).toThrow(
      new RegExp(`${variable}: `),
    );
  });
});
