import type { IotBridgeListDevicesResultV2 } from '@sportclub/contracts';
import type { Device } from '../domain/device';

export type DeviceView = IotBridgeListDevicesResultV2['devices'][number];

/** A device as the contracts show it: no credential, absent fields left out. */
export const deviceView = (d: Device): DeviceView => ({
  deviceId: d.deviceId,
  kind: d.kind,
  ...(d.courtId ? { courtId: d.courtId } : {}),
  enabled: d.enabled,
  ...(d.status ? { status: d.status } : {}),
  ...(d.lastSeenAt ? { lastSeenAt: new Date(d.lastSeenAt).toISOString() } : {}),
  createdAt: new Date(d.createdAt).toISOString(),
  updatedAt: new Date(d.updatedAt).toISOString(),
});
