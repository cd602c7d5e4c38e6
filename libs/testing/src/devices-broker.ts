import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './service-process';
import { repoRoot } from './repo';

const run = promisify(execFile);

export interface DevicesBroker {
  url: string;
  /** Where the broker reads its logins (and the bridge under test writes them). */
  dir: string;
  /** What the iot-bridge needs to use this broker. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * A private secured device broker for one test file, started by the project's own script on a free
 * port with a scratch folder: the bridge under test owns its logins, and nothing else's are touched.
 */
export async function startDevicesBroker(): Promise<DevicesBroker> {
  const dir = await mkdtemp(join(tmpdir(), 'mqtt-devices-'));
  const url = `mqtt://127.0.0.1:${await freePort()}`;
  const env = { MQTT_DEVICES_URL: url, MQTT_DEVICES_AUTH_DIR: dir };
  const script = (command: string) =>
    run('bash', [join(repoRoot(), 'scripts/infra/mosquitto-devices.sh'), command], {
      env: { ...process.env, ...env },
    });
  await script('up');
  return {
    url,
    dir,
    env,
    stop: async () => {
      await script('down');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
