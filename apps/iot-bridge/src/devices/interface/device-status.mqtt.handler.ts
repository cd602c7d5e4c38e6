import { Inject, Injectable, Logger } from '@nestjs/common';
import { BRIDGE_SUBSCRIPTIONS } from '../domain/device-topics';
import { DEVICE_BROKER, type DeviceBroker } from '../../shared/application/ports/device-broker.port';
import { parsePayload } from '../../shared/interface/device-payload';
import { ReportTabletStatusHandler } from '../application/report-tablet-status/report-tablet-status.handler';
import { tabletStatusPayload } from './dto/tablet-status.payload';

/**
 * `tablet/+/status` from the device broker. Tablets have no answer topic: a report that does not
 * parse is dropped with a warning (and acknowledged, like every device message).
 */
@Injectable()
export class TabletStatusMqttHandler {
  private readonly logger = new Logger('TabletStatus');

  constructor(
    @Inject(DEVICE_BROKER) broker: DeviceBroker,
    @Inject(ReportTabletStatusHandler) private readonly reportStatus: ReportTabletStatusHandler,
  ) {
    broker.route(BRIDGE_SUBSCRIPTIONS.tabletStatus, {
      handle: ([tabletId], raw) => this.status(tabletId, raw),
    });
  }

  private async status(tabletId: string, raw: Buffer): Promise<undefined> {
    const parsed = parsePayload(tabletStatusPayload, raw);
    if (!parsed.ok) {
      this.logger.warn(`tablet/${tabletId}/status: dropped, ${parsed.reason}`);
      return undefined;
    }
    const { status, battery, timestamp } = parsed.data;
    await this.reportStatus.execute({
      tabletId,
      status,
      batteryPercent: battery,
      reportedAt: new Date(timestamp),
    });
    return undefined; // tablets have no answer topic
  }
}
