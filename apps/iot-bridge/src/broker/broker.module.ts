import { Global, Logger, Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { IotBridgeConfig } from '../config/iot-bridge.config';
import { DeviceBroker } from './device-broker';
import { PgNotifications } from './pg-notifications';

/** The device broker session and the database wake-ups, shared by the devices and RFID features. */
@Global()
@Module({
  providers: [
    {
      provide: DeviceBroker,
      useFactory: (c: IotBridgeConfig) =>
        new DeviceBroker(
          {
            url: c.MQTT_DEVICES_URL,
            username: c.MQTT_DEVICES_USERNAME,
            password: c.MQTT_DEVICES_PASSWORD,
            clientId: c.MQTT_DEVICES_CLIENT_ID,
            shareGroup: 'iot-bridge',
          },
          new Logger('DeviceBroker'),
        ),
      inject: [SERVICE_CONFIG],
    },
    {
      provide: PgNotifications,
      useFactory: (c: IotBridgeConfig) => new PgNotifications(c.DATABASE_URL, new Logger('PgNotifications')),
      inject: [SERVICE_CONFIG],
    },
  ],
  exports: [DeviceBroker, PgNotifications],
})
export class BrokerModule {}
