import { Inject, Injectable } from '@nestjs/common';
import { DeviceBroker } from '../../broker/device-broker';
import { DeviceEventsService } from '../application/device-events.service';

/** Court panels' and tablets' topics from the device broker, each into its device event. */
@Injectable()
export class DeviceTopicsMqttHandler {
  constructor(
    @Inject(DeviceBroker) broker: DeviceBroker,
    @Inject(DeviceEventsService) events: DeviceEventsService,
  ) {
    broker.route('court/+/checkin', ([court], raw) => events.courtRequest('checkin', court, raw));
    broker.route('court/+/checkout', ([court], raw) => events.courtRequest('checkout', court, raw));
    broker.route('court/+/button/pressed', ([court], raw) => events.buttonPressed(court, raw));
    broker.route('tablet/+/status', ([tablet], raw) => events.tabletStatus(tablet, raw));
  }
}
