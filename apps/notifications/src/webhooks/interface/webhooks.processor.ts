import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SerialPasses } from '@sportclub/service-kit';
import { ProcessWebhooksHandler } from '../application/process-webhooks/process-webhooks.handler';

/** How often stored items are looked for without a wake-up: another replica's, or left by a crash. */
const POLL_MS = 1_000;

/**
 * Runs ProcessWebhooksHandler right after webhooks are stored (`wake`, called once their transaction
 * committed) and every second, one pass at a time, so items that arrive together are processed together.
 */
@Injectable()
export class WebhooksProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly passes: SerialPasses;

  constructor(process: ProcessWebhooksHandler) {
    this.passes = new SerialPasses(
      () => process.execute(),
      POLL_MS,
      (error) => this.logger.error(`processing stored webhooks: ${error.message}`),
    );
  }

  onApplicationBootstrap(): void {
    this.passes.start();
  }

  wake(): void {
    this.passes.kick();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.passes.stop();
  }
}
