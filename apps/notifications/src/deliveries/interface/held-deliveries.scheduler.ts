import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ReleaseHeldDeliveriesHandler } from '../application/release-held-deliveries/release-held-deliveries.handler';

/** How often held deliveries are looked at: a quiet hour ends within this much of its minute. */
const EVERY_MS = 15_000;

/** Starts the release of deliveries held for quiet hours, every 15 s, one pass at a time. */
@Injectable()
export class HeldDeliveriesScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('HeldDeliveries');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(private readonly release: ReleaseHeldDeliveriesHandler) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.release
        .execute()
        .catch((error: Error) => this.logger.error(`releasing held deliveries: ${error.message}`))
        .finally(() => (this.running = undefined));
    }, EVERY_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
