import { Injectable } from '@nestjs/common';
import { ScheduledPasses } from '@sportclub/service-kit';
import { ProcessWebhooksHandler } from '../application/process-webhooks/process-webhooks.handler';

/**
 * Runs ProcessWebhooksHandler right after webhooks are stored (`kick`, called once their transaction
 * committed) and every second (another replica's items, or left by a crash), one pass at a time, so
 * items that arrive together are processed together.
 */
@Injectable()
export class WebhooksProcessor extends ScheduledPasses {
  constructor(process: ProcessWebhooksHandler) {
    super({ logger: 'Webhooks', doing: 'processing stored webhooks', everyMs: 1_000 }, () =>
      process.execute(),
    );
  }
}
