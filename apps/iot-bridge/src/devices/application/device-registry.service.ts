import type { EntityManager } from 'typeorm';
import { registrationProblem, type Device, type DeviceKind } from '../domain/device';
import { hashPassword, newDevicePassword } from '../infrastructure/mosquitto-password';
import type { DeviceRepository } from '../infrastructure/device.repository';

export interface Registration {
  deviceId: string;
  kind: DeviceKind;
  courtId?: string;
  enabled?: boolean;
  rotateCredentials?: boolean;
}

export type RegisterOutcome =
  | { outcome: 'created' | 'updated'; device: Device; password?: string }
  | { outcome: 'not-found' }
  | { outcome: 'invalid'; reason: string };

/** Broker logins follow the registry: every change wakes the login sync of every replica on commit. */
export const LOGINS_CHANNEL = 'iot_device_logins';

/**
 * Registers a club's devices. A password is made only on creation or when asked to rotate, and only
 * its hash is stored; the caller hands the password out once.
 */
export class DeviceRegistry {
  constructor(
    private readonly repo: DeviceRepository,
    /** The bridge's own broker login: never a device. */
    private readonly reservedId: string,
  ) {}

  async register(m: EntityManager, tenantId: string, r: Registration): Promise<RegisterOutcome> {
    const problem = registrationProblem(r);
    if (problem) return { outcome: 'invalid', reason: problem };
    if (r.deviceId === this.reservedId) return { outcome: 'not-found' };
    const fields = { kind: r.kind, courtId: r.courtId ?? null, enabled: r.enabled ?? true };

    let existing = await this.repo.lock(m, r.deviceId);
    if (!existing) {
      const password = newDevicePassword();
      const created = await this.repo.insert(m, {
        deviceId: r.deviceId,
        tenantId,
        ...fields,
        credentialHash: hashPassword(password),
      });
      if (created) return this.changed(m, { outcome: 'created', device: created, password });
      existing = await this.repo.lock(m, r.deviceId); // created concurrently
    }
    if (!existing || existing.tenantId !== tenantId) return { outcome: 'not-found' };
    const password = r.rotateCredentials ? newDevicePassword() : undefined;
    const device = await this.repo.update(m, {
      deviceId: r.deviceId,
      ...fields,
      credentialHash: password ? hashPassword(password) : existing.credentialHash,
    });
    return this.changed(m, { outcome: 'updated', device, password });
  }

  private async changed<T>(m: EntityManager, result: T): Promise<T> {
    await m.query(`SELECT pg_notify('${LOGINS_CHANNEL}', '')`);
    return result;
  }
}
