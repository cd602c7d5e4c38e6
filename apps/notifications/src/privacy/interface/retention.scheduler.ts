import { Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG, ScheduledPasses } from '@sportclub/service-kit';
import type { NotificationsConfig } from '../../config/notifications.config';
import { ApplyRetentionHandler } from '../application/apply-retention/apply-retention.handler';

/** Applies the retention rules (ApplyRetentionHandler) at start and then hourly, one pass at a time. */
@Injectable()
export class RetentionScheduler extends ScheduledPasses {
  constructor(retention: ApplyRetentionHandler, @Inject(SERVICE_CONFIG) config: NotificationsConfig) {
    const logger = new Logger('Retention');
    super(
      { logger: 'Retention', doing: 'applying retention', everyMs: 3_600_000, atStart: true },
      async () => {
        const pass = await retention.execute(config.DELIVERY_RETENTION_DAYS);
        if (Object.values(pass).some((n) => n > 0))
          logger.log(`expired rows deleted: ${JSON.stringify(pass)}`);
      },
    );
  }
}
