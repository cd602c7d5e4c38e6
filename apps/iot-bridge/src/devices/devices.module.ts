import { Logger, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { IotBridgeConfig } from '../config/iot-bridge.config';
import { ListDevicesHandler } from './application/list-devices/list-devices.handler';
import { BROKER_LOGINS } from './application/ports/broker-logins.port';
import { DEVICE_CREDENTIALS } from './application/ports/device-credentials.port';
import { DEVICE_DIRECTORY } from './application/ports/device-directory.port';
import { DEVICE_REPOSITORY } from './application/ports/device.repository.port';
import { RegisterDeviceHandler } from './application/register-device/register-device.handler';
import { ReportDeviceStatusHandler } from './application/report-device-status/report-device-status.handler';
import { SetCameraStreamHandler } from './application/set-camera-stream/set-camera-stream.handler';
import { SyncBrokerLoginsHandler } from './application/sync-broker-logins/sync-broker-logins.handler';
import { DeviceRepository } from './infrastructure/device.repository';
import { MosquittoBrokerLoginsAdapter } from './infrastructure/mosquitto-broker-logins.adapter';
import { MosquittoCredentialsAdapter } from './infrastructure/mosquitto-credentials.adapter';
import { DevicesCommandsHandler } from './interface/devices.commands.handler';
import { DeviceStatusMqttHandler } from './interface/device-status.mqtt.handler';

/** The device registry, the broker logins it drives, the tablets' and cameras' reports, the cameras' streams. */
@Module({
  controllers: [DevicesCommandsHandler],
  providers: [
    {
      provide: DeviceRepository,
      useFactory: (db: DataSource) => new DeviceRepository(db),
      inject: [DataSource],
    },
    { provide: DEVICE_REPOSITORY, useExisting: DeviceRepository },
    { provide: DEVICE_DIRECTORY, useExisting: DeviceRepository },
    { provide: DEVICE_CREDENTIALS, useClass: MosquittoCredentialsAdapter },
    {
      provide: BROKER_LOGINS,
      useFactory: (c: IotBridgeConfig) =>
        new MosquittoBrokerLoginsAdapter(
          c.MQTT_DEVICES_AUTH_DIR,
          { username: c.MQTT_DEVICES_USERNAME, password: c.MQTT_DEVICES_PASSWORD },
          new Logger('DeviceLogins'),
        ),
      inject: [SERVICE_CONFIG],
    },
    SyncBrokerLoginsHandler,
    RegisterDeviceHandler,
    ListDevicesHandler,
    SetCameraStreamHandler,
    ReportDeviceStatusHandler,
    DeviceStatusMqttHandler,
  ],
  exports: [DEVICE_DIRECTORY, SyncBrokerLoginsHandler],
})
export class DevicesModule {}
