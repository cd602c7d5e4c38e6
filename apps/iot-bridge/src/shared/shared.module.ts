import { Global, Logger, Module } from '@nestjs/common';
import { Outbox } from '@sportclub/outbox';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import { bridgeClientId, type IotBridgeConfig } from '../config/iot-bridge.config';
import { DEVICE_BROKER } from './application/ports/device-broker.port';
import { EVENT_PUBLISHER } from './application/ports/event-publisher.port';
import { ACCEPTANCE_WINDOW, AcceptanceWindow } from './domain/acceptance-window';
import { MqttDeviceBrokerAdapter } from './infrastructure/mqtt-device-broker.adapter';
import { OutboxEventPublisher } from './infrastructure/outbox-event-publisher.adapter';
import { PgNotificationsListener } from './infrastructure/pg-notifications.listener';

/**
 * What every context of the bridge shares: the device broker session, transactions, the outbox, the
 * database wake-ups and the acceptance window of device requests.
 */
@Global()
@Module({
  providers: [
    {
      provide: MqttDeviceBrokerAdapter,
      useFactory: (c: IotBridgeConfig) =>
        new MqttDeviceBrokerAdapter(
          {
            url: c.MQTT_DEVICES_URL,
            username: c.MQTT_DEVICES_USERNAME,
            password: c.MQTT_DEVICES_PASSWORD,
            clientId: bridgeClientId(c),
            shareGroup: 'iot-bridge',
          },
          new Logger('DeviceBroker'),
        ),
      inject: [SERVICE_CONFIG],
    },
    { provide: DEVICE_BROKER, useExisting: MqttDeviceBrokerAdapter },
    {
      provide: PgNotificationsListener,
      useFactory: (c: IotBridgeConfig) =>
        new PgNotificationsListener(c.DATABASE_URL, new Logger('PgNotifications')),
      inject: [SERVICE_CONFIG],
    },
    {
      provide: ACCEPTANCE_WINDOW,
      useFactory: (c: IotBridgeConfig) =>
        new AcceptanceWindow(c.DEVICE_REQUEST_MAX_AGE_MS, c.DEVICE_REQUEST_MAX_AHEAD_MS),
      inject: [SERVICE_CONFIG],
    },
    {
      provide: EVENT_PUBLISHER,
      useFactory: (outbox: Outbox) => new OutboxEventPublisher(outbox),
      inject: [Outbox],
    },
  ],
  exports: [
    MqttDeviceBrokerAdapter,
    DEVICE_BROKER,
    PgNotificationsListener,
    EVENT_PUBLISHER,
    ACCEPTANCE_WINDOW,
  ],
})
export class SharedModule {}
