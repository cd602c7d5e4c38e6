import type { Transaction } from '@sportclub/service-kit';
import type { Device, DeviceKind, DeviceStatus } from '../../domain/device';

/** A device as the registry stores it: with the broker's hash of its password, never the password. */
export interface StoredDevice extends Device {
  credentialHash: string;
}

/** What the broker needs to let a device in. */
export type DeviceLoginRecord = Pick<StoredDevice, 'deviceId' | 'kind' | 'courtId' | 'credentialHash'>;

/** Which of a club's devices a list shows; each field given narrows it. */
export interface DeviceFilter {
  kinds?: readonly DeviceKind[];
  courtId?: string;
  enabled?: boolean;
}

/** The registry's table; every read for a club is scoped by its tenant. */
export interface DeviceRepositoryPort {
  /** The device, locked for the rest of the transaction. */
  lock(tx: Transaction, deviceId: string): Promise<StoredDevice | undefined>;
  /** Undefined when the id was taken meanwhile. */
  insert(
    tx: Transaction,
    d: Pick<StoredDevice, 'deviceId' | 'tenantId' | 'kind' | 'courtId' | 'enabled' | 'credentialHash'>,
  ): Promise<StoredDevice | undefined>;
  update(
    tx: Transaction,
    d: Pick<StoredDevice, 'deviceId' | 'kind' | 'courtId' | 'enabled' | 'credentialHash'>,
  ): Promise<StoredDevice>;
  list(tenantId: string, filter?: DeviceFilter, tx?: Transaction): Promise<StoredDevice[]>;
  /** The club's device; undefined when there is none, or it is another club's. */
  find(tenantId: string, deviceId: string): Promise<StoredDevice | undefined>;
  /** An enabled device of that kind, or undefined. */
  active(deviceId: string, kind: DeviceKind): Promise<StoredDevice | undefined>;
  /** Every device that may log in to the broker. */
  logins(tx?: Transaction): Promise<DeviceLoginRecord[]>;
  /** Records a report; returns the status it replaced (null the first time). */
  report(tx: Transaction, deviceId: string, status: DeviceStatus): Promise<DeviceStatus | null>;
  seen(tx: Transaction, deviceId: string): Promise<void>;
  /** Wakes the broker-login sync of every replica once the transaction commits. */
  loginsChanged(tx: Transaction): Promise<void>;
}

export const DEVICE_REPOSITORY = Symbol('DeviceRepository');
