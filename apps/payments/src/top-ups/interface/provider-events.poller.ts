import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SerialPasses } from '@sportclub/service-kit';
import { ProcessProviderEventHandler } from '../application/process-provider-event/process-provider-event.handler';

/**
 * What starts the processing of stored provider events: each new webhook (`kick`), and a timer every
 * second for the ones waiting to be tried again. One pass at a time; a kick during a pass makes one more.
 */
@Injectable()
export class ProviderEventsPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ProviderEvents');
  private readonly passes: SerialPasses;

  constructor(process: ProcessProviderEventHandler) {
    this.passes = new SerialPasses(
      async () => {
        while (await process.processOne()) {
          /* next */
        }
      },
      1_000,
      (error) => this.logger.error(`provider events: ${error.message}`),
    );
  }

  onApplicationBootstrap(): void {
    this.passes.start();
  }

  /** Processes what is due now; a kick during a pass makes one more pass. */
  kick(): void {
    this.passes.kick();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.passes.stop();
  }
}
