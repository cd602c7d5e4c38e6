import { Injectable } from '@nestjs/common';
import { ScheduledPasses } from '@sportclub/service-kit';
import { ProcessProviderEventHandler } from '../application/process-provider-event/process-provider-event.handler';

/**
 * What starts the processing of stored provider events: each new webhook (`kick`), and a timer every
 * second for the ones waiting to be tried again. One pass at a time; a kick during a pass makes one more.
 */
@Injectable()
export class ProviderEventsPoller extends ScheduledPasses {
  constructor(process: ProcessProviderEventHandler) {
    super({ logger: 'ProviderEvents', doing: 'provider events', everyMs: 1_000 }, async () => {
      while (await process.processOne()) {
        /* next */
      }
    });
  }
}
