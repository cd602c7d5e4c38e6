import { bridgeClientId } from './iot-bridge.config';

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
