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
import type { DeviceAnswer } from '../../../shared/domain/device-answer';
import { EVENT_PUBLISHER, type EventPublisher } from '../../../shared/application/ports/event-publisher.port';
import { UNIT_OF_WORK, type UnitOfWork } from '../../../shared/application/ports/unit-of-work.port';
import { PANEL_ANSWERS } from '../../domain/panel-answer';

/** A panel's request; `panelId` is the login it came from (its topic), never a payload field. */
export type PanelRequestCommand =
  | { action: 'checkin' | 'checkout'; panelId: string; memberId: string; requestedAt: Date }
  | { action: 'button'; panelId: string; requestedAt: Date };

/**
 * A court panel's request becomes a device event on `iot.device.v1`, in the club and at the court the
 * registry gives the panel's login. A login that is no enabled court panel is answered at once (the
 * returned answer). Delivery is at-least-once (QoS 1): consumers dedupe.
 */
@Injectable()
export class AcceptPanelRequestHandler {
  private readonly logger = new Logger('CourtPanels');

  constructor(
    @Inject(DEVICE_DIRECTORY) private readonly devices: DeviceDirectory,
    @Inject(UNIT_OF_WORK) private readonly uow: UnitOfWork,
    @Inject(EVENT_PUBLISHER) private readonly events: EventPublisher,
  ) {}

  async execute(c: PanelRequestCommand): Promise<DeviceAnswer | undefined> {
    const panel = await this.devices.active(c.panelId, 'court-panel');
    if (!panel?.courtId) {
      this.logger.warn(`panel ${c.panelId}: ${c.action} denied, no enabled court panel`);
      return PANEL_ANSWERS.unknownPanel;
    }
    const event = eventFor(c, panel.tenantId, panel.courtId);
    await this.uow.run(async (tx) => {
      await this.devices.seen(tx, c.panelId);
      await this.events.publish(tx, event);
    });
    return undefined;
  }
}

function eventFor(c: PanelRequestCommand, tenantId: string, courtId: string): Envelope {
  const from = { source: 'iot-bridge', tenantId, subject: c.panelId };
  const deviceId = c.panelId;
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
