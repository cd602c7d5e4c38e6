import type { EntityManager } from 'typeorm';
import { BRIDGE_GRANTS, deviceGrants } from '../domain/device';
import type { DeviceRepository } from '../infrastructure/device.repository';
import type { MosquittoAuthFiles } from '../infrastructure/mosquitto-auth.files';
import { hashPassword, verifyPassword } from '../infrastructure/mosquitto-password';

/**
 * Keeps the broker's password and ACL files equal to the registry: at boot (before the bridge logs
 * in), after each change, and whenever a replica's change is announced. Runs are serialized, so an
 * older view can never overwrite a newer one.
 */
export class DeviceLoginsSync {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly repo: DeviceRepository,
    private readonly files: MosquittoAuthFiles,
    private readonly bridge: { username: string; password: string },
  ) {}

  /** Pass the transaction that just changed the registry to publish its view before it commits. */
  sync(db: Pick<EntityManager, 'query'>): Promise<boolean> {
    const run = this.queue.then(() => this.write(db));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(db: Pick<EntityManager, 'query'>): Promise<boolean> {
    const devices = await this.repo.logins(db);
    const current = await this.files.currentHash(this.bridge.username);
    const bridgeHash =
      current && verifyPassword(this.bridge.password, current) ? current : hashPassword(this.bridge.password);
    return this.files.write([
      { username: this.bridge.username, passwordHash: bridgeHash, grants: BRIDGE_GRANTS },
      ...devices.map((d) => ({
        username: d.deviceId,
        passwordHash: d.credentialHash,
        grants: deviceGrants(d),
      })),
    ]);
  }
}
