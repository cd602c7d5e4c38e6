import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SerialPasses } from '@sportclub/service-kit';
import { ReleaseHeldDeliveriesHandler } from '../application/release-held-deliveries/release-held-deliveries.handler';

/** How often held deliveries are looked at: a quiet hour ends within this much of its minute. */
const EVERY_MS = 15_000;

/**
 * Releases held deliveries (quiet hours, an outage round, a reconciliation) every 15 s, one pass at a
 * time.
 */
@Injectable()
export class HeldDeliveriesScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('HeldDeliveries');
  private readonly passes: SerialPasses;

  constructor(release: ReleaseHeldDeliveriesHandler) {
    this.passes = new SerialPasses(
      () => release.execute(),
      EVERY_MS,
      (error) => this.logger.error(`releasing held deliveries: ${error.message}`),
    );
  }

  onApplicationBootstrap(): void {
    this.passes.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.passes.stop();
  }
}
