import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Provider } from '../../domain/payment';
import { isUsableIdentifier, storableText } from '../../domain/provider-text';
import {
  PROVIDER_EVENT_REPOSITORY,
  type ProviderEventRepositoryPort,
  type ReceivedProviderEvent,
} from '../ports/provider-event.repository.port';

/** A provider notification whose signature was verified, in this platform's terms. */
export interface VerifiedEvent {
  provider: Provider;
  /** The provider's id for this notification, as it sent it. */
  eventId: unknown;
  eventType: string;
  /**
   * The provider payment the event is about, as sent (an empty string when the event should name one
   * and does not); absent for event types that say nothing about a top-up.
   */
  providerRef?: string;
}

export interface Receipt {
  received: true;
  /** The provider sent this event id before: nothing new was stored. */
  duplicate: boolean;
  /** For an event that will never be processed: why (it was kept all the same). */
  outcome?: 'ignored' | 'unprocessable';
  reason?: string;
}

/**
 * Takes a verified provider notification and keeps it — the body as the bytes received, whatever it
 * holds — once per provider event id, for the processor to work off. Nothing is decided from its
 * content: a webhook is only a hint that a payment may have changed. An event that names no payment,
 * or none that could be looked up, is kept as processed with that outcome, and answered 2xx all the
 * same: the provider sending it again could not change it.
 */
@Injectable()
export class ReceiveProviderEventHandler {
  constructor(@Inject(PROVIDER_EVENT_REPOSITORY) private readonly events: ProviderEventRepositoryPort) {}

  async execute(event: VerifiedEvent, body: Buffer): Promise<Receipt> {
    const eventType = storableText(event.eventType, 200) || 'unknown';
    const received: ReceivedProviderEvent = {
      provider: event.provider,
      // An id that cannot be stored as sent still dedupes redeliveries: the body's digest.
      eventId: isUsableIdentifier(event.eventId)
        ? event.eventId
        : `sha256:${createHash('sha256').update(body).digest('hex')}`,
      eventType,
      providerRef: isUsableIdentifier(event.providerRef) ? event.providerRef : null,
      body,
    };
    if (event.providerRef === undefined) {
      received.settled = { outcome: 'ignored', reason: `${eventType} says nothing about a top-up` };
    } else if (received.providerRef === null) {
      received.settled = {
        outcome: 'unprocessable',
        reason: `${eventType} names no usable payment reference`,
      };
    }
    const stored = await this.events.insert(received);
    return { received: true, duplicate: !stored, ...received.settled };
  }
}
