import { DEVICE_KIND } from '@sportclub/contracts';

/**
 * A registered device: its id is its broker username and a level of its topics, so ids and court ids
 * are restricted to characters that can be neither MQTT wildcards nor separators.
 */
export const DEVICE_KINDS = ['rfid-reader', 'court-panel', 'tablet', 'camera'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
/**
 * The kinds v1 of the device messages knows (contracts' `DEVICE_KIND`): a v1 answer or event never
 * carries a camera, v2 carries every kind (decision 0019's pattern).
 */
export const V1_KINDS = DEVICE_KIND.enum satisfies readonly DeviceKind[];
export type V1Kind = (typeof V1_KINDS)[number];
export const isV1Kind = (kind: DeviceKind): kind is V1Kind =>
  (V1_KINDS as readonly DeviceKind[]).includes(kind);
export const DEVICE_STATUSES = ['online', 'offline', 'error'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

export const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface Device {
  deviceId: string;
  tenantId: string;
  kind: DeviceKind;
  courtId: string | null;
  enabled: boolean;
  status: DeviceStatus | null;
  lastSeenAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Why a registration cannot stand, or undefined when it can. */
export function registrationProblem(r: { deviceId: string; kind: DeviceKind; courtId?: string }) {
  if (!SAFE_ID.test(r.deviceId)) return 'deviceId: letters, digits, - and _ (1–64)';
  if (r.courtId !== undefined && !SAFE_ID.test(r.courtId)) return 'courtId: letters, digits, - and _ (1–64)';
  if (r.kind !== 'tablet' && !r.courtId) return `courtId: required for a ${r.kind}`;
  return undefined;
}

/**
 * Why the club's device (undefined: none of the club's, another club's included) cannot be handed a
 * stream or have it cleared, or undefined when it can.
 */
export function cameraStreamRefusal(
  device: Pick<Device, 'kind' | 'enabled'> | undefined,
  clearing: boolean,
): 'unknown-device' | 'not-a-camera' | 'disabled' | undefined {
  if (!device) return 'unknown-device';
  if (device.kind !== 'camera') return 'not-a-camera';
  // A disabled camera gets no stream, but one it was given can still be taken back.
  if (!device.enabled && !clearing) return 'disabled';
  return undefined;
}
