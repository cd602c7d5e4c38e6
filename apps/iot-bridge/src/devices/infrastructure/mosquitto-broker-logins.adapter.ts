import { open, readFile, rename } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BrokerLogins, DeviceLogin } from '../application/ports/broker-logins.port';
import { BRIDGE_GRANTS, DEVICE_PATTERNS, type TopicGrant } from '../domain/device-topics';
import { hashPassword, verifyPassword } from './mosquitto-credentials.adapter';

/** One broker login: who, its password hash ($7$), and the topics it may use besides its own. */
export interface BrokerLogin extends DeviceLogin {
  grants?: TopicGrant[];
}

const byName = (a: BrokerLogin, b: BrokerLogin) => (a.username < b.username ? -1 : 1);

export const renderPasswordFile = (logins: BrokerLogin[]): string =>
  [...logins]
    .sort(byName)
    .map((l) => `${l.username}:${l.passwordHash}\n`)
    .join('');

/**
 * The device patterns (`%u`: each login's own name) for every login, then a block per login with
 * grants of its own — the bridge's. With nothing else, a device reaches only the topics carrying its
 * own login.
 */
export const renderAclFile = (logins: BrokerLogin[]): string =>
  [
    '# A login reaches the device topics that carry its own name; the bridge also its block below.',
    ...DEVICE_PATTERNS.map((g) => `pattern ${g.access} ${g.topic}`),
    '',
    ...[...logins]
      .sort(byName)
      .filter((l) => l.grants?.length)
      .map((l) =>
        [`user ${l.username}`, ...l.grants!.map((g) => `topic ${g.access} ${g.topic}`), ''].join('\n'),
      ),
  ].join('\n');

export interface Logger {
  warn(message: string): void;
  log(message: string): void;
}

/**
 * The device broker's `passwd` and `acl` files, with the bridge's own login besides the devices'. Both
 * are replaced atomically (write, fsync, rename: the broker never reads half a file) and only when
 * their content changes; then the broker is sent SIGHUP (its pid from the `mosquitto.pid` it writes
 * beside them) and re-reads both.
 */
export class MosquittoBrokerLoginsAdapter implements BrokerLogins {
  private readonly dir: string;

  constructor(
    dir: string,
    private readonly bridge: { username: string; password: string },
    private readonly logger: Logger,
  ) {
    this.dir = resolve(dir);
  }

  /** The bridge's line keeps its hash while the configured password still matches it. */
  async replace(devices: DeviceLogin[]): Promise<boolean> {
    const current = await this.currentHash(this.bridge.username);
    const bridgeHash =
      current && verifyPassword(this.bridge.password, current) ? current : hashPassword(this.bridge.password);
    return this.write([
      { username: this.bridge.username, passwordHash: bridgeHash, grants: BRIDGE_GRANTS },
      ...devices,
    ]);
  }

  /** The hash a login has in the current file, so an unchanged password keeps its line. */
  async currentHash(username: string): Promise<string | undefined> {
    const text = await this.read('passwd');
    return text
      .split('\n')
      .find((line) => line.startsWith(`${username}:`))
      ?.slice(username.length + 1);
  }

  /** Writes what changed and reloads the broker; false when both files were already up to date. */
  async write(logins: BrokerLogin[]): Promise<boolean> {
    const files = { acl: renderAclFile(logins), passwd: renderPasswordFile(logins) };
    let changed = false;
    for (const [name, content] of Object.entries(files)) {
      if ((await this.read(name)) === content) continue;
      await this.writeAtomically(name, content);
      changed = true;
    }
    if (changed) await this.reload();
    return changed;
  }

  private read(name: string): Promise<string> {
    return readFile(join(this.dir, name), 'utf8').catch(() => '');
  }

  private async writeAtomically(name: string, content: string): Promise<void> {
    const tmp = join(this.dir, `.${name}.${process.pid}.tmp`);
    const file = await open(tmp, 'w', 0o600);
    try {
      await file.writeFile(content);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, join(this.dir, name));
  }

  private async reload(): Promise<void> {
    const pid = Number((await this.read('mosquitto.pid')).trim());
    try {
      if (!pid) throw new Error('no mosquitto.pid');
      process.kill(pid, 'SIGHUP');
      this.logger.log(`device broker (pid ${pid}) told to reload its logins`);
    } catch (error) {
      this.logger.warn(
        `device logins written to ${this.dir} but the broker could not be signalled (${(error as Error).message}); it reads them when it starts`,
      );
    }
  }
}
