import { Injectable } from '@nestjs/common';
import { ScheduledPasses } from '@sportclub/service-kit';
import { ReleaseHeldDeliveriesHandler } from '../application/release-held-deliveries/release-held-deliveries.handler';

/**
 * Releases held deliveries (quiet hours, an outage round, a reconciliation) every 15 s — a quiet hour
 * ends within that much of its minute — one pass at a time.
 */
@Injectable()
export class HeldDeliveriesScheduler extends ScheduledPasses {
  constructor(release: ReleaseHeldDeliveriesHandler) {
    super({ logger: 'HeldDeliveries', doing: 'releasing held deliveries', everyMs: 15_000 }, () =>
      release.execute(),
    );
  }
}
