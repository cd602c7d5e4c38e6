import { Logger, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Outbox } from '@sportclub/outbox';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { IotBridgeConfig } from '../config/iot-bridge.config';
import { DeviceEventsService } from './application/device-events.service';
import { DeviceLoginsSync } from './application/device-logins.sync';
import { DeviceRegistry } from './application/device-registry.service';
import { DeviceRepository } from './infrastructure/device.repository';
import { MosquittoAuthFiles } from './infrastructure/mosquitto-auth.files';
import { DeviceTopicsMqttHandler } from './interface/device-topics.mqtt.handler';
import { DevicesCommandsHandler } from './interface/devices.commands.handler';

@Module({
  controllers: [DevicesCommandsHandler],
  providers: [
    DeviceRepository,
    {
      provide: DeviceRegistry,
      useFactory: (repo: DeviceRepository, c: IotBridgeConfig) =>
        new DeviceRegistry(repo, c.MQTT_DEVICES_USERNAME),
      inject: [DeviceRepository, SERVICE_CONFIG],
    },
    {
      provide: DeviceLoginsSync,
      useFactory: (repo: DeviceRepository, c: IotBridgeConfig) =>
        new DeviceLoginsSync(
          repo,
          new MosquittoAuthFiles(c.MQTT_DEVICES_AUTH_DIR, new Logger('DeviceLogins')),
          {
            username: c.MQTT_DEVICES_USERNAME,
            password: c.MQTT_DEVICES_PASSWORD,
          },
        ),
      inject: [DeviceRepository, SERVICE_CONFIG],
    },
    {
      provide: DeviceEventsService,
      useFactory: (db: DataSource, outbox: Outbox, repo: DeviceRepository) =>
        new DeviceEventsService(db, outbox, repo, new Logger('DeviceEvents')),
      inject: [DataSource, Outbox, DeviceRepository],
    },
    DeviceTopicsMqttHandler,
  ],
  exports: [DeviceRepository, DeviceLoginsSync],
})
export class DevicesModule {}
