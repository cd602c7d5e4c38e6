import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import { BROKER_LOGINS, type BrokerLogins } from '../ports/broker-logins.port';
import { DEVICE_REPOSITORY, type DeviceRepositoryPort } from '../ports/device.repository.port';

/**
 * Keeps the broker's logins equal to the registry: at boot (before the bridge logs in), after each
 * change, and whenever a replica's change is announced. Runs are serialized, so an older view can
 * never overwrite a newer one.
 */
@Injectable()
export class SyncBrokerLoginsHandler {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(DEVICE_REPOSITORY) private readonly devices: DeviceRepositoryPort,
    @Inject(BROKER_LOGINS) private readonly logins: BrokerLogins,
  ) {}

  /** Pass the transaction that just changed the registry to publish its view before it commits. */
  execute(tx?: Transaction): Promise<boolean> {
    const run = this.queue.then(() => this.write(tx));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(tx?: Transaction): Promise<boolean> {
    const devices = await this.devices.logins(tx);
    return this.logins.replace(
      devices.map((d) => ({ username: d.deviceId, passwordHash: d.credentialHash })),
    );
  }
}
