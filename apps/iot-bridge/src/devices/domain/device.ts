/**
 * A registered device: its id is its broker username and a level of its topics, so ids and court ids
 * are restricted to characters that can be neither MQTT wildcards nor separators.
 */
export const DEVICE_KINDS = ['rfid-reader', 'court-panel', 'tablet'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
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
