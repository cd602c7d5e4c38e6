import { Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module';
import { AcceptPanelRequestHandler } from './application/accept-panel-request/accept-panel-request.handler';
import { CourtPanelMqttHandler } from './interface/court-panel.mqtt.handler';

/** Court panels: members' check-in and check-out requests and the highlight button. */
@Module({
  imports: [DevicesModule],
  providers: [AcceptPanelRequestHandler, CourtPanelMqttHandler],
})
export class CourtPanelsModule {}
