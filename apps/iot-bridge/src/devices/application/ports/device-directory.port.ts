import type { Transaction } from '@sportclub/service-kit';
import type { Device, DeviceKind } from '../../domain/device';

/**
 * What the other contexts (RFID scans, court panels) ask of the registry: who is behind a login, in
 * which club and at which court.
 */
export interface DeviceDirectory {
  /** An enabled device of that kind, or undefined. */
  active(deviceId: string, kind: DeviceKind): Promise<Device | undefined>;
  /** The device was heard from. */
  seen(tx: Transaction, deviceId: string): Promise<void>;
}

export const DEVICE_DIRECTORY = Symbol('DeviceDirectory');
