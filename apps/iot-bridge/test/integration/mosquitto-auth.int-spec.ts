import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connectAsync, type MqttClient } from 'mqtt';
import {
  eventually,
  localInfraEnv,
  repoRoot,
  startDevicesBroker,
  type DevicesBroker,
} from '@sportclub/testing';
import { BRIDGE_GRANTS } from '../../src/devices/domain/device-topics';
import { MosquittoBrokerLoginsAdapter } from '../../src/devices/infrastructure/mosquitto-broker-logins.adapter';
import {
  hashPassword,
  newDevicePassword,
  verifyPassword,
} from '../../src/devices/infrastructure/mosquitto-credentials.adapter';

const run = promisify(execFile);

/** The password format against the real Mosquitto, both ways: its tool's lines, our lines in its broker. */
describe('Mosquitto password and ACL files (real broker)', () => {
  let broker: DevicesBroker;
  const infra = localInfraEnv(repoRoot());
  const logs: string[] = [];
  const files = () =>
    new MosquittoBrokerLoginsAdapter(
      broker.dir,
      { username: infra.MQTT_DEVICES_USERNAME, password: infra.MQTT_DEVICES_PASSWORD },
      { log: (m) => logs.push(m), warn: (m) => logs.push(m) },
    );

  beforeAll(async () => {
    broker = await startDevicesBroker();
  });
  afterAll(() => broker?.stop());

  it('verifies a line mosquitto_passwd wrote', async () => {
    await run('mosquitto_passwd', ['-b', join(broker.dir, 'passwd'), 'probe', 'probe-password']);
    const line = (await readFile(join(broker.dir, 'passwd'), 'utf8'))
      .split('\n')
      .find((l) => l.startsWith('probe:'))!;
    expect(verifyPassword('probe-password', line.slice('probe:'.length))).toBe(true);
    expect(verifyPassword('other-password', line.slice('probe:'.length))).toBe(false);
  });

  it('writes files the broker reloads on SIGHUP and enforces: our hashes log in, nothing else does', async () => {
    const password = newDevicePassword();
    const written = await files().write([
      {
        username: infra.MQTT_DEVICES_USERNAME,
        passwordHash: hashPassword(infra.MQTT_DEVICES_PASSWORD),
        grants: BRIDGE_GRANTS,
      },
      {
        username: 'reader-x',
        passwordHash: hashPassword(password),
      },
    ]);
    expect(written).toBe(true);
    expect(logs.join('\n')).toMatch(/told to reload/);
    // Unchanged content is neither rewritten nor reloaded.
    expect(
      await files().write([
        {
          username: infra.MQTT_DEVICES_USERNAME,
          passwordHash: (await files().currentHash(infra.MQTT_DEVICES_USERNAME))!,
          grants: BRIDGE_GRANTS,
        },
        {
          username: 'reader-x',
          passwordHash: (await files().currentHash('reader-x'))!,
        },
      ]),
    ).toBe(false);

    const login = (username?: string, pass?: string) =>
      connectAsync(broker.url, { username, password: pass, reconnectPeriod: 0, connectTimeout: 3_000 });
    let device: MqttClient | undefined;
    await eventually(
      async () => (device = await login('reader-x', password).catch(() => undefined)) !== undefined,
      'the broker took the new files',
      5_000,
    );
    await device!.endAsync();
    await expect(login('reader-x', `${password}!`)).rejects.toThrow(
      /Not authorized|Bad User Name or Password/i,
    );
    await expect(login()).rejects.toThrow(/Not authorized/i);
    // The probe line written by mosquitto_passwd is gone: the file is the registry's view only.
    await expect(login('probe', 'probe-password')).rejects.toThrow(
      /Not authorized|Bad User Name or Password/i,
    );
  });
});
