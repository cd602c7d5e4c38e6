import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  IotButtonPressedV1,
  IotCourtCheckinRequestedV1,
  IotCourtCheckoutRequestedV1,
  type Envelope,
} from '@sportclub/contracts';
import {
  DEVICE_DIRECTORY,
  type DeviceDirectory,
} from '../../../devices/application/ports/device-directory.port';
import { EVENT_PUBLISHER, type EventPublisher } from '../../../shared/application/ports/event-publisher.port';
import { UNIT_OF_WORK, type UnitOfWork } from '../../../shared/application/ports/unit-of-work.port';

export type PanelRequestCommand =
  | { action: 'checkin' | 'checkout'; courtId: string; deviceId: string; memberId: string; requestedAt: Date }
  | { action: 'button'; courtId: string; deviceId: string; requestedAt: Date };

/**
 * A court panel's request becomes a device event on `iot.device.v1`, in the club of the panel that
 * sent it. A request from a device that is unknown, disabled or not a panel of that court is dropped
 * with a warning. Delivery is at-least-once (QoS 1): consumers dedupe.
 */
@Injectable()
export class AcceptPanelRequestHandler {
  private readonly logger = new Logger('CourtPanels');

  constructor(
    @Inject(DEVICE_DIRECTORY) private readonly devices: DeviceDirectory,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(EVENT_PUBLISHER) private readonly events: EventPublisher,
  ) {}

  async execute(c: PanelRequestCommand, topic: string): Promise<void> {
    const panel = await this.devices.active(c.deviceId, 'court-panel');
    if (!panel || panel.courtId !== c.courtId) {
      return this.logger.warn(`${topic}: dropped, ${c.deviceId} is no enabled panel of this court`);
    }
    const event = eventFor(c, panel.tenantId);
    await this.uow.run(async (tx) => {
      await this.devices.seen(tx, c.deviceId);
      await this.events.publish(tx, event);
    });
  }
}

function eventFor(c: PanelRequestCommand, tenantId: string): Envelope {
  const from = { source: 'iot-bridge', tenantId, subject: c.deviceId };
  const { deviceId, courtId } = c;
  if (c.action === 'button') {
    return IotButtonPressedV1.envelope({
      ...from,
      data: { deviceId, courtId, pressedAt: c.requestedAt.toISOString() },
    });
  }
  const definition = c.action === 'checkin' ? IotCourtCheckinRequestedV1 : IotCourtCheckoutRequestedV1;
  return definition.envelope({
    ...from,
    data: { deviceId, courtId, memberId: c.memberId, requestedAt: c.requestedAt.toISOString() },
  });
}
