import type { DataSource } from 'typeorm';
import {
  IotButtonPressedV1,
  IotCourtCheckinRequestedV1,
  IotCourtCheckoutRequestedV1,
  IotDeviceStatusChangedV1,
  type Envelope,
} from '@sportclub/contracts';
import type { Outbox } from '@sportclub/outbox';
import {
  buttonPressedPayload,
  courtRequestPayload,
  parsePayload,
  tabletStatusPayload,
} from '../domain/device-payloads';
import type { DeviceRepository } from '../infrastructure/device.repository';

interface Logger {
  warn(message: string): void;
}

/**
 * Court panels and tablets become device events on `iot.device.v1`, in the club of the device that
 * sent them. A message from a device that is unknown, disabled or not a panel of that court, or one
 * that does not parse, is dropped with a warning. Delivery is at-least-once (QoS 1): consumers dedupe.
 */
export class DeviceEventsService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly devices: DeviceRepository,
    private readonly logger: Logger,
  ) {}

  /** `court/<courtId>/checkin` or `/checkout`: a member asked for it on the panel. */
  async courtRequest(action: 'checkin' | 'checkout', courtId: string, raw: Buffer): Promise<void> {
    const topic = `court/${courtId}/${action}`;
    const parsed = parsePayload(courtRequestPayload, raw);
    if (!parsed.ok) return this.logger.warn(`${topic}: dropped, ${parsed.reason}`);
    const { device_id: deviceId, user_id: memberId, timestamp } = parsed.data;
    const definition = action === 'checkin' ? IotCourtCheckinRequestedV1 : IotCourtCheckoutRequestedV1;
    await this.fromPanel(topic, courtId, deviceId, (tenantId) =>
      definition.envelope({
        source: 'iot-bridge',
        tenantId,
        subject: deviceId,
        data: { deviceId, courtId, memberId, requestedAt: new Date(timestamp).toISOString() },
      }),
    );
  }

  async buttonPressed(courtId: string, raw: Buffer): Promise<void> {
    const topic = `court/${courtId}/button/pressed`;
    const parsed = parsePayload(buttonPressedPayload, raw);
    if (!parsed.ok) return this.logger.warn(`${topic}: dropped, ${parsed.reason}`);
    const { device_id: deviceId, timestamp } = parsed.data;
    await this.fromPanel(topic, courtId, deviceId, (tenantId) =>
      IotButtonPressedV1.envelope({
        source: 'iot-bridge',
        tenantId,
        subject: deviceId,
        data: { deviceId, courtId, pressedAt: new Date(timestamp).toISOString() },
      }),
    );
  }

  private async fromPanel(
    topic: string,
    courtId: string,
    deviceId: string,
    event: (tenantId: string) => Envelope,
  ): Promise<void> {
    const panel = await this.devices.active(this.db, deviceId, 'court-panel');
    if (!panel || panel.courtId !== courtId) {
      return this.logger.warn(`${topic}: dropped, ${deviceId} is no enabled panel of this court`);
    }
    await this.db.transaction(async (m) => {
      await this.devices.seen(m, deviceId);
      await this.outbox.publish(m, event(panel.tenantId));
    });
  }

  /** A tablet's report; an event only when its status changed. */
  async tabletStatus(tabletId: string, raw: Buffer): Promise<void> {
    const parsed = parsePayload(tabletStatusPayload, raw);
    if (!parsed.ok) return this.logger.warn(`tablet/${tabletId}/status: dropped, ${parsed.reason}`);
    const tablet = await this.devices.active(this.db, tabletId, 'tablet');
    if (!tablet) return this.logger.warn(`tablet/${tabletId}/status: dropped, no enabled tablet ${tabletId}`);
    const { status, battery, timestamp } = parsed.data;
    await this.db.transaction(async (m) => {
      const previous = await this.devices.report(m, tabletId, status);
      if (previous === status) return;
      await this.outbox.publish(
        m,
        IotDeviceStatusChangedV1.envelope({
          source: 'iot-bridge',
          tenantId: tablet.tenantId,
          subject: tabletId,
          data: {
            deviceId: tabletId,
            kind: 'tablet',
            status,
            ...(previous ? { previousStatus: previous } : {}),
            ...(battery !== undefined ? { batteryPercent: battery } : {}),
            reportedAt: new Date(timestamp).toISOString(),
          },
        }),
      );
    });
  }
}
