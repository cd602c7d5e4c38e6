import {
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CourtPanelsModule } from './court-panels/court-panels.module';
import { SyncBrokerLoginsHandler } from './devices/application/sync-broker-logins/sync-broker-logins.handler';
import { DevicesModule } from './devices/devices.module';
import { LOGINS_CHANNEL } from './devices/infrastructure/device.repository';
import { ANSWERS_CHANNEL } from './rfid/infrastructure/rfid-scan.repository';
import { ScanAnswersWorker } from './rfid/interface/scan-answers.worker';
import { RfidModule } from './rfid/rfid.module';
import { MqttDeviceBrokerAdapter } from './shared/infrastructure/mqtt-device-broker.adapter';
import { PgNotificationsListener } from './shared/infrastructure/pg-notifications.listener';
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
    @Inject(ScanAnswersWorker) private readonly answers: ScanAnswersWorker,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.logins.execute();
    this.notifications.on(LOGINS_CHANNEL, () => void this.logins.execute().catch(() => undefined));
    this.notifications.on(ANSWERS_CHANNEL, () => this.answers.notify());
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

/** The iot-bridge's features: the device registry and its broker logins, court panels, RFID scans. */
@Module({
  imports: [SharedModule, DevicesModule, CourtPanelsModule, RfidModule],
  providers: [BridgeLifecycle],
})
export class BridgeModule {}
