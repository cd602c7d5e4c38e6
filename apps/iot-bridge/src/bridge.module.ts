import {
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BrokerModule } from './broker/broker.module';
import { DeviceBroker } from './broker/device-broker';
import { PgNotifications } from './broker/pg-notifications';
import { DeviceLoginsSync } from './devices/application/device-logins.sync';
import { LOGINS_CHANNEL } from './devices/application/device-registry.service';
import { DevicesModule } from './devices/devices.module';
import { ANSWERS_CHANNEL } from './rfid/application/rfid-scans.service';
import { ScanAnswersResponder } from './rfid/infrastructure/scan-answers.responder';
import { RfidModule } from './rfid/rfid.module';

/**
 * Boot order matters: the broker's logins are written from the registry before the bridge logs in
 * with its own (a fresh broker knows nothing else), then the wake-ups, the session (its
 * subscriptions), the answer deliveries. A broker that cannot be reached fails the boot.
 */
@Injectable()
class BridgeLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly db: DataSource,
    @Inject(DeviceLoginsSync) private readonly logins: DeviceLoginsSync,
    @Inject(PgNotifications) private readonly notifications: PgNotifications,
    @Inject(DeviceBroker) private readonly broker: DeviceBroker,
    @Inject(ScanAnswersResponder) private readonly responder: ScanAnswersResponder,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.logins.sync(this.db);
    this.notifications.on(LOGINS_CHANNEL, () => void this.logins.sync(this.db).catch(() => undefined));
    this.notifications.on(ANSWERS_CHANNEL, () => this.responder.notify());
    await this.notifications.start();
    await this.broker.connect();
    this.responder.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.responder.stop();
    await this.broker.close();
    await this.notifications.stop();
  }
}

/** The iot-bridge's features: the device registry and its broker logins, device events, RFID scans. */
@Module({ imports: [BrokerModule, DevicesModule, RfidModule], providers: [BridgeLifecycle] })
export class BridgeModule {}
