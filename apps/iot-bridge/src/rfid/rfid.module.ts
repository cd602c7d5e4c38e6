import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DevicesModule } from '../devices/devices.module';
import { AcceptScanHandler } from './application/accept-scan/accept-scan.handler';
import { AnswerScanHandler } from './application/answer-scan/answer-scan.handler';
import { DeliverScanAnswersHandler } from './application/deliver-scan-answers/deliver-scan-answers.handler';
import { SCAN_REPOSITORY } from './application/ports/scan.repository.port';
import { RfidScanRepository } from './infrastructure/rfid-scan.repository';
import { CheckInOutcomesHandler } from './interface/check-in-outcomes.events.handler';
import { RfidScansMqttHandler } from './interface/rfid-scans.mqtt.handler';

/** RFID scans at court doors: announced to the gateway, answered on the reader. */
@Module({
  imports: [DevicesModule],
  controllers: [CheckInOutcomesHandler],
  providers: [
    {
      provide: SCAN_REPOSITORY,
      useFactory: (db: DataSource) => new RfidScanRepository(db),
      inject: [DataSource],
    },
    AcceptScanHandler,
    AnswerScanHandler,
    DeliverScanAnswersHandler,
    RfidScansMqttHandler,
  ],
  exports: [DeliverScanAnswersHandler],
})
export class RfidModule {}
