import { Inject, Injectable } from '@nestjs/common';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import {
  VIDEO_PLATFORM,
  type VideoPlatformPort,
} from '../../../shared/application/ports/video-platform.port';
import { WEBHOOKS_REPOSITORY, type WebhooksRepositoryPort } from '../ports/webhooks.repository.port';

/**
 * A vendor webhook: its signature checked over the exact bytes (`InvalidWebhookSignatureError`
 * otherwise, and nothing is kept), then stored as received, once per event id. Processing is not done
 * here: the caller answers at once and wakes the processor.
 */
@Injectable()
export class ReceiveWebhookHandler {
  constructor(
    @Inject(VIDEO_PLATFORM) private readonly platform: VideoPlatformPort,
    @Inject(WEBHOOKS_REPOSITORY) private readonly webhooks: WebhooksRepositoryPort,
    @Inject(TRANSACTIONS) private readonly tx: Transactions,
  ) {}

  /** True when it is new (a redelivery is recognised by its id and kept once). */
  async execute(rawBody: string, headers: Record<string, string | string[] | undefined>): Promise<boolean> {
    const event = await this.platform.verifyWebhook(rawBody, headers);
    return this.tx.run((tx) => this.webhooks.insert(tx, 'mux', event, rawBody));
  }
}
