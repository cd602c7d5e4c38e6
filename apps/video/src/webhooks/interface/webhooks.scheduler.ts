import { Injectable } from '@nestjs/common';
import { ScheduledPasses } from '@sportclub/service-kit';
import { ProcessWebhooksHandler } from '../application/process-webhooks/process-webhooks.handler';

/** A pass on every new webhook (kicked), and every second for those waiting or left by a crash. */
@Injectable()
export class WebhooksScheduler extends ScheduledPasses {
  constructor(webhooks: ProcessWebhooksHandler) {
    super({ logger: 'Webhooks', doing: 'processing vendor webhooks', everyMs: 1_000, atStart: true }, () =>
      webhooks.execute(),
    );
  }
}
