import { Inject, Injectable, Logger } from '@nestjs/common';
import { DEVICE_BROKER, type DeviceBroker } from '../../shared/application/ports/device-broker.port';
import { parsePayload } from '../../shared/interface/device-payload';
import { AcceptPanelRequestHandler } from '../application/accept-panel-request/accept-panel-request.handler';
import { buttonPressedPayload, courtRequestPayload } from './dto/panel-request.payload';

/** Court panels' topics from the device broker; a request that does not parse is dropped with a warning. */
@Injectable()
export class CourtPanelMqttHandler {
  private readonly logger = new Logger('CourtPanels');

  constructor(
    @Inject(DEVICE_BROKER) broker: DeviceBroker,
    @Inject(AcceptPanelRequestHandler) private readonly accept: AcceptPanelRequestHandler,
  ) {
    broker.route('court/+/checkin', {
      handle: async ([court], raw, topic) => void (await this.request('checkin', court, raw, topic)),
    });
    broker.route('court/+/checkout', {
      handle: async ([court], raw, topic) => void (await this.request('checkout', court, raw, topic)),
    });
    broker.route('court/+/button/pressed', {
      handle: async ([court], raw, topic) => void (await this.button(court, raw, topic)),
    });
  }

  private async request(action: 'checkin' | 'checkout', courtId: string, raw: Buffer, topic: string) {
    const parsed = parsePayload(courtRequestPayload, raw);
    if (!parsed.ok) return this.logger.warn(`${topic}: dropped, ${parsed.reason}`);
    const { device_id: deviceId, user_id: memberId, timestamp } = parsed.data;
    await this.accept.execute(
      { action, courtId, deviceId, memberId, requestedAt: new Date(timestamp) },
      topic,
    );
  }

  private async button(courtId: string, raw: Buffer, topic: string) {
    const parsed = parsePayload(buttonPressedPayload, raw);
    if (!parsed.ok) return this.logger.warn(`${topic}: dropped, ${parsed.reason}`);
    const { device_id: deviceId, timestamp } = parsed.data;
    await this.accept.execute(
      { action: 'button', courtId, deviceId, requestedAt: new Date(timestamp) },
      topic,
    );
  }
}
