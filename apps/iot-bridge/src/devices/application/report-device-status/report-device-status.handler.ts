import { Inject, Injectable, Logger } from '@nestjs/common';
import { IotDeviceStatusChangedV1 } from '@sportclub/contracts';
import { EVENT_PUBLISHER, type EventPublisher } from '../../../shared/application/ports/event-publisher.port';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import type { DeviceStatus } from '../../domain/device';
import { DEVICE_REPOSITORY, type DeviceRepositoryPort } from '../ports/device.repository.port';

export interface ReportTabletStatusCommand {
  tabletId: string;
  status: DeviceStatus;
  batteryPercent?: number;
  /** The tablet's own clock. */
  reportedAt: Date;
}

/**
 * A tablet's report becomes `iot.device.status-changed.v1` in the tablet's club, only when its status
 * changed. A report from a tablet that is unknown or disabled is dropped with a warning.
 */
@Injectable()
export class ReportTabletStatusHandler {
  private readonly logger = new Logger('TabletStatus');

  constructor(
    @Inject(DEVICE_REPOSITORY) private readonly devices: DeviceRepositoryPort,
    @Inject(TRANSACTIONS) private readonly uow: Transactions,
    @Inject(EVENT_PUBLISHER) private readonly events: EventPublisher,
  ) {}

  async execute(c: ReportTabletStatusCommand): Promise<void> {
    const tablet = await this.devices.active(c.tabletId, 'tablet');
    if (!tablet) {
      return this.logger.warn(`tablet/${c.tabletId}/status: dropped, no enabled tablet ${c.tabletId}`);
    }
    await this.uow.run(async (tx) => {
      const previous = await this.devices.report(tx, c.tabletId, c.status);
      if (previous === c.status) return;
      await this.events.publish(
        tx,
        IotDeviceStatusChangedV1.envelope({
          source: 'iot-bridge',
          tenantId: tablet.tenantId,
          subject: c.tabletId,
          data: {
            deviceId: c.tabletId,
            kind: 'tablet',
            status: c.status,
            ...(previous ? { previousStatus: previous } : {}),
            ...(c.batteryPercent !== undefined ? { batteryPercent: c.batteryPercent } : {}),
            reportedAt: c.reportedAt.toISOString(),
          },
        }),
      );
    });
  }
}
