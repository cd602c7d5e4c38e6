import {
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DeliverPanelAnswersHandler } from './court-panels/application/deliver-panel-answers/deliver-panel-answers.handler';
import { CourtPanelsModule } from './court-panels/court-panels.module';
import { SyncBrokerLoginsHandler } from './devices/application/sync-broker-logins/sync-broker-logins.handler';
import { DevicesModule } from './devices/devices.module';
import { LOGINS_CHANNEL } from './devices/infrastructure/device.repository';
import { DeliverScanAnswersHandler } from './rfid/application/deliver-scan-answers/deliver-scan-answers.handler';
import { RfidModule } from './rfid/rfid.module';
import { DEVICE_ANSWERS_CHANNEL } from './shared/infrastructure/device-answers.channel';
import { MqttDeviceBrokerAdapter } from './shared/infrastructure/mqtt-device-broker.adapter';
import { PgNotificationsListener } from './shared/infrastructure/pg-notifications.listener';
import { DeviceAnswersWorker } from './shared/interface/device-answers.worker';
import { SharedModule } from './shared/shared.module';

/**
 * Boot order matters: the broker's logins are written from the registry before the bridge logs in
 * with its own (a fresh broker knows nothing else), then the wake-ups, the session (its
 * subscriptions), the answer deliveries. A broker that cannot be reached fails the boot.
 */
@Injectable()
class BridgeLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(SyncBrokerLoginsHandler) private readonly logins: SyncBrokerLoginsHandler,
    @Inject(PgNotificationsListener) private readonly notifications: PgNotificationsListener,
    @Inject(MqttDeviceBrokerAdapter) private readonly broker: MqttDeviceBrokerAdapter,
    @Inject(DeviceAnswersWorker) private readonly answers: DeviceAnswersWorker,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.logins.execute();
    this.notifications.on(LOGINS_CHANNEL, () => void this.logins.execute().catch(() => undefined));
    this.notifications.on(DEVICE_ANSWERS_CHANNEL, () => this.answers.notify());
    await this.notifications.start();
    await this.broker.connect();
    this.answers.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.answers.stop();
    await this.broker.close();
    await this.notifications.stop();
  }
}

/**
 * The iot-bridge's features: the device registry and its broker logins, court panels, RFID scans, and
 * the delivery of answers to doors and panels.
 */
@Module({
  imports: [SharedModule, DevicesModule, CourtPanelsModule, RfidModule],
  providers: [
    {
      // One delivery loop for every device's answers: the doors' and the panels'.
      provide: DeviceAnswersWorker,
      useFactory: (scans: DeliverScanAnswersHandler, panels: DeliverPanelAnswersHandler) =>
        new DeviceAnswersWorker([scans, panels]),
      inject: [DeliverScanAnswersHandler, DeliverPanelAnswersHandler],
    },
    BridgeLifecycle,
  ],
})
export class BridgeModule {}
