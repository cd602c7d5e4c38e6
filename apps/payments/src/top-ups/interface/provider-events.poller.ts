import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ProcessProviderEventHandler } from '../application/process-provider-event/process-provider-event.handler';

/**
 * What starts the processing of stored provider events: each new webhook (`kick`), and a timer every
 * second for the ones waiting to be tried again. One pass at a time; a kick during a pass makes one more.
 */
@Injectable()
export class ProviderEventsPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ProviderEvents');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;

  constructor(private readonly process: ProcessProviderEventHandler) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), 1_000);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Processes what is due now; a kick during a pass makes one more pass. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: Error) => this.logger.error(`provider events: ${error.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again && this.timer) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async drain(): Promise<void> {
    while (await this.process.processOne()) {
      /* next */
    }
  }
}
