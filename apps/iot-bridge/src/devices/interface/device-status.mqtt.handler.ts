import { Inject, Injectable, Logger } from '@nestjs/common';
import { BRIDGE_SUBSCRIPTIONS } from '../domain/device-topics';
import { DEVICE_BROKER, type DeviceBroker } from '../../shared/application/ports/device-broker.port';
import { parsePayload } from '../../shared/interface/device-payload';
import {
  ReportDeviceStatusHandler,
  type ReportingKind,
} from '../application/report-device-status/report-device-status.handler';
import { deviceStatusPayload } from './dto/device-status.payload';

/**
 * `tablet/+/status` and `camera/+/status` from the device broker. Neither has an answer topic: a report
 * that does not parse is dropped with a warning (and acknowledged, like every device message).
 */
@Injectable()
export class DeviceStatusMqttHandler {
  private readonly logger = new Logger('DeviceStatus');

  constructor(
    @Inject(DEVICE_BROKER) broker: DeviceBroker,
    @Inject(ReportDeviceStatusHandler) private readonly reportStatus: ReportDeviceStatusHandler,
  ) {
    for (const [kind, filter] of [
      ['tablet', BRIDGE_SUBSCRIPTIONS.tabletStatus],
      ['camera', BRIDGE_SUBSCRIPTIONS.cameraStatus],
    ] as const) {
      broker.route(filter, { handle: ([deviceId], raw) => this.status(kind, deviceId, raw) });
    }
  }

  private async status(kind: ReportingKind, deviceId: string, raw: Buffer): Promise<undefined> {
    const parsed = parsePayload(deviceStatusPayload, raw);
    if (!parsed.ok) {
      this.logger.warn(`${kind}/${deviceId}/status: dropped, ${parsed.reason}`);
      return undefined;
    }
    const { status, battery, timestamp } = parsed.data;
    await this.reportStatus.execute({
      deviceId,
      kind,
      status,
      batteryPercent: battery,
      reportedAt: new Date(timestamp),
    });
    return undefined; // no answer topic
  }
}
