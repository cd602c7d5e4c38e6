import { Inject, Injectable, Logger } from '@nestjs/common';
import { IotDeviceStatusChangedV1, IotDeviceStatusChangedV2 } from '@sportclub/contracts';
import { EVENT_PUBLISHER, type EventPublisher } from '../../../shared/application/ports/event-publisher.port';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import { isV1Kind, type DeviceStatus } from '../../domain/device';
import { DEVICE_REPOSITORY, type DeviceRepositoryPort } from '../ports/device.repository.port';

/** The devices that report their status on `<kind's topic>/<their login>/status`. */
export type ReportingKind = 'tablet' | 'camera';

export interface ReportDeviceStatusCommand {
  deviceId: string;
  /** The kind the topic names; a device of another kind is not heard on it. */
  kind: ReportingKind;
  status: DeviceStatus;
  batteryPercent?: number;
  /** The device's own clock. */
  reportedAt: Date;
}

/**
 * A tablet's or camera's report becomes `iot.device.status-changed.v2` in the device's club, only when
 * its status changed — and `.v1` beside it, first, for a kind v1 knows (decision 0019's pattern). A
 * report from a device that is unknown, disabled or of another kind is dropped with a warning.
 */
@Injectable()
export class ReportDeviceStatusHandler {
  private readonly logger = new Logger('DeviceStatus');

  constructor(
    @Inject(DEVICE_REPOSITORY) private readonly devices: DeviceRepositoryPort,
    @Inject(TRANSACTIONS) private readonly uow: Transactions,
    @Inject(EVENT_PUBLISHER) private readonly events: EventPublisher,
  ) {}

  async execute(c: ReportDeviceStatusCommand): Promise<void> {
    const device = await this.devices.active(c.deviceId, c.kind);
    if (!device) {
      return this.logger.warn(`${c.kind}/${c.deviceId}/status: dropped, no enabled ${c.kind} ${c.deviceId}`);
    }
    await this.uow.run(async (tx) => {
      const previous = await this.devices.report(tx, c.deviceId, c.status);
      if (previous === c.status) return;
      const event = {
        source: 'iot-bridge',
        tenantId: device.tenantId,
        subject: c.deviceId,
        data: {
          deviceId: c.deviceId,
          kind: c.kind,
          status: c.status,
          ...(previous ? { previousStatus: previous } : {}),
          ...(c.batteryPercent !== undefined ? { batteryPercent: c.batteryPercent } : {}),
          reportedAt: c.reportedAt.toISOString(),
        },
      };
      const { kind } = event.data;
      if (isV1Kind(kind)) {
        await this.events.publish(
          tx,
          IotDeviceStatusChangedV1.envelope({ ...event, data: { ...event.data, kind } }),
        );
      }
      await this.events.publish(tx, IotDeviceStatusChangedV2.envelope(event));
    });
  }
}
