import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DevicesModule } from '../devices/devices.module';
import { AcceptPanelRequestHandler } from './application/accept-panel-request/accept-panel-request.handler';
import { PANEL_REQUEST_REPOSITORY } from './application/ports/panel-request.repository.port';
import { PanelRequestRepository } from './infrastructure/panel-request.repository';
import { CourtPanelMqttHandler } from './interface/court-panel.mqtt.handler';

/** Court panels: members' check-in and check-out requests and the highlight button. */
@Module({
  imports: [DevicesModule],
  providers: [
    {
      provide: PANEL_REQUEST_REPOSITORY,
      useFactory: (db: DataSource) => new PanelRequestRepository(db),
      inject: [DataSource],
    },
    AcceptPanelRequestHandler,
    CourtPanelMqttHandler,
  ],
})
export class CourtPanelsModule {}
