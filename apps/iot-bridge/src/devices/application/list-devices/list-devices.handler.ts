import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import type { Device } from '../../domain/device';
import {
  DEVICE_REPOSITORY,
  type DeviceFilter,
  type DeviceRepositoryPort,
} from '../ports/device.repository.port';

/** A club's devices (at most 1000), without their credentials. */
@Injectable()
export class ListDevicesHandler {
  constructor(@Inject(DEVICE_REPOSITORY) private readonly devices: DeviceRepositoryPort) {}

  async execute(
    { tenantId, ...filter }: { tenantId: string } & DeviceFilter,
    tx?: Transaction,
  ): Promise<Device[]> {
    const devices = await this.devices.list(tenantId, filter, tx);
    return devices.map(({ credentialHash: _, ...device }) => device);
  }
}
