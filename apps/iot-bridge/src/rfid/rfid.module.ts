import { Logger, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Outbox } from '@sportclub/outbox';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import { DeviceBroker } from '../broker/device-broker';
import type { IotBridgeConfig } from '../config/iot-bridge.config';
import { DevicesModule } from '../devices/devices.module';
import { DeviceRepository } from '../devices/infrastructure/device.repository';
import { RfidScansService } from './application/rfid-scans.service';
import { ScanAnswersResponder } from './infrastructure/scan-answers.responder';
import { CheckInOutcomesHandler } from './interface/check-in-outcomes.events.handler';
import { RfidScansMqttHandler } from './interface/rfid-scans.mqtt.handler';

@Module({
  imports: [DevicesModule],
  controllers: [CheckInOutcomesHandler],
  providers: [
    {
      provide: RfidScansService,
      useFactory: (db: DataSource, outbox: Outbox, devices: DeviceRepository, c: IotBridgeConfig) =>
        new RfidScansService(db, outbox, devices, c.RFID_ANSWER_DEADLINE_MS, new Logger('RfidScans')),
      inject: [DataSource, Outbox, DeviceRepository, SERVICE_CONFIG],
    },
    {
      provide: ScanAnswersResponder,
      useFactory: (db: DataSource, broker: DeviceBroker) =>
        new ScanAnswersResponder(db, broker, new Logger('ScanAnswers')),
      inject: [DataSource, DeviceBroker],
    },
    RfidScansMqttHandler,
  ],
  exports: [ScanAnswersResponder],
})
export class RfidModule {}
