import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SERVICE_CONFIG, SerialPasses } from '@sportclub/service-kit';
import type { NotificationsConfig } from '../../config/notifications.config';
import { ApplyRetentionHandler } from '../application/apply-retention/apply-retention.handler';

const EVERY_MS = 3_600_000;

/** Applies the retention rules (ApplyRetentionHandler) at start and then hourly, one pass at a time. */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private readonly passes: SerialPasses;

  constructor(retention: ApplyRetentionHandler, @Inject(SERVICE_CONFIG) config: NotificationsConfig) {
    this.passes = new SerialPasses(
      async () => {
        const pass = await retention.execute(config.DELIVERY_RETENTION_DAYS);
        if (Object.values(pass).some((n) => n > 0))
          this.logger.log(`expired rows deleted: ${JSON.stringify(pass)}`);
      },
      EVERY_MS,
      (error) => this.logger.error(`applying retention: ${error.message}`),
    );
  }

  onApplicationBootstrap(): void {
    this.passes.start();
    this.passes.kick();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.passes.stop();
  }
}
