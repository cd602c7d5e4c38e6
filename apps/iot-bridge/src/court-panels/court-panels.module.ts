import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DevicesModule } from '../devices/devices.module';
import { AcceptPanelRequestHandler } from './application/accept-panel-request/accept-panel-request.handler';
import { AnswerPanelRequestHandler } from './application/answer-panel-request/answer-panel-request.handler';
import { DeliverPanelAnswersHandler } from './application/deliver-panel-answers/deliver-panel-answers.handler';
import { PANEL_REQUEST_REPOSITORY } from './application/ports/panel-request.repository.port';
import { PanelRequestRepository } from './infrastructure/panel-request.repository';
import { CourtPanelMqttHandler } from './interface/court-panel.mqtt.handler';
import { PanelRefusalsEventsHandler } from './interface/panel-refusals.events.handler';

/**
 * Court panels: members' check-in and check-out requests and the highlight button, and the refusals
 * of the gateway (check-ins, check-outs) and of video (a press with nothing recording) told back to the
 * panel.
 */
@Module({
  imports: [DevicesModule],
  controllers: [PanelRefusalsEventsHandler],
  providers: [
    {
      provide: PANEL_REQUEST_REPOSITORY,
      useFactory: (db: DataSource) => new PanelRequestRepository(db),
      inject: [DataSource],
    },
    AcceptPanelRequestHandler,
    AnswerPanelRequestHandler,
    DeliverPanelAnswersHandler,
    CourtPanelMqttHandler,
  ],
  exports: [DeliverPanelAnswersHandler],
})
export class CourtPanelsModule {}
