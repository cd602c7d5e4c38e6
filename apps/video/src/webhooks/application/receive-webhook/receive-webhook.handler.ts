import { Inject, Injectable } from '@nestjs/common';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import {
  InvalidWebhookError,
  VIDEO_PLATFORM,
  type VendorEvent,
  type VideoPlatformPort,
} from '../../../shared/application/ports/video-platform.port';
import { WEBHOOKS_REPOSITORY, type WebhooksRepositoryPort } from '../ports/webhooks.repository.port';

/** What a signed body must be to be kept: an event with an id, a type and an object. */
function checkShape(event: VendorEvent): void {
  const text = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 255;
  if (!text(event.id)) throw new InvalidWebhookError('id', 'must be a string of 1 to 255 characters');
  if (!text(event.type)) throw new InvalidWebhookError('type', 'must be a string of 1 to 255 characters');
  if (typeof event.data !== 'object' || event.data === null || Array.isArray(event.data)) {
    throw new InvalidWebhookError('data', 'must be an object');
  }
}

/**
 * A vendor webhook: its signature checked over the exact bytes (`InvalidWebhookSignatureError`
 * otherwise, and nothing is kept), its shape checked (`InvalidWebhookError`: a signed body that is not
 * an event, also kept nowhere), then stored as received, once per event id. Processing is not done
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
    checkShape(event);
    return this.tx.run((tx) => this.webhooks.insert(tx, 'mux', event, rawBody));
  }
}
