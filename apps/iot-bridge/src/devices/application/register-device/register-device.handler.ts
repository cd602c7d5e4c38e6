import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { IotBridgeConfig } from '../../../config/iot-bridge.config';
import type { Transaction } from '@sportclub/service-kit';
import { registrationProblem, type Device, type DeviceKind } from '../../domain/device';
import { DEVICE_CREDENTIALS, type DeviceCredentials } from '../ports/device-credentials.port';
import { DEVICE_REPOSITORY, type DeviceRepositoryPort } from '../ports/device.repository.port';
import { SyncBrokerLoginsHandler } from '../sync-broker-logins/sync-broker-logins.handler';

export interface RegisterDeviceCommand {
  tenantId: string;
  deviceId: string;
  kind: DeviceKind;
  courtId?: string;
  enabled?: boolean;
  rotateCredentials?: boolean;
}

export type RegisterDeviceResult =
  | { outcome: 'created' | 'updated'; device: Device; password?: string }
  | { outcome: 'not-found' }
  | { outcome: 'invalid'; reason: string };

/**
 * Registers a club's device. A password is made only on creation or when asked to rotate, and only
 * its hash is stored; the caller hands the password out once. The broker's logins are rewritten in
 * the registering transaction, so the login works by the time the caller answers.
 */
@Injectable()
export class RegisterDeviceHandler {
  /** The bridge's own broker login: never a device. */
  private readonly reservedId: string;

  constructor(
    @Inject(DEVICE_REPOSITORY) private readonly devices: DeviceRepositoryPort,
    @Inject(DEVICE_CREDENTIALS) private readonly credentials: DeviceCredentials,
    @Inject(SyncBrokerLoginsHandler) private readonly logins: SyncBrokerLoginsHandler,
    @Inject(SERVICE_CONFIG) config: Pick<IotBridgeConfig, 'MQTT_DEVICES_USERNAME'>,
  ) {
    this.reservedId = config.MQTT_DEVICES_USERNAME;
  }

  async execute(tx: Transaction, r: RegisterDeviceCommand): Promise<RegisterDeviceResult> {
    const problem = registrationProblem(r);
    if (problem) return { outcome: 'invalid', reason: problem };
    if (r.deviceId === this.reservedId) return { outcome: 'not-found' };
    const fields = { kind: r.kind, courtId: r.courtId ?? null, enabled: r.enabled ?? true };

    let existing = await this.devices.lock(tx, r.deviceId);
    if (!existing) {
      const password = this.credentials.newPassword();
      const created = await this.devices.insert(tx, {
        deviceId: r.deviceId,
        tenantId: r.tenantId,
        ...fields,
        credentialHash: this.credentials.hash(password),
      });
      if (created)
        return this.changed(tx, { outcome: 'created', device: withoutCredential(created), password });
      existing = await this.devices.lock(tx, r.deviceId); // created concurrently
    }
    if (!existing || existing.tenantId !== r.tenantId) return { outcome: 'not-found' };
    const password = r.rotateCredentials ? this.credentials.newPassword() : undefined;
    const device = await this.devices.update(tx, {
      deviceId: r.deviceId,
      ...fields,
      credentialHash: password ? this.credentials.hash(password) : existing.credentialHash,
    });
    return this.changed(tx, { outcome: 'updated', device: withoutCredential(device), password });
  }

  private async changed(tx: Transaction, result: RegisterDeviceResult): Promise<RegisterDeviceResult> {
    await this.devices.loginsChanged(tx);
    await this.logins.execute(tx);
    return result;
  }
}

const withoutCredential = <T extends { credentialHash: string }>({ credentialHash: _, ...d }: T) => d;
