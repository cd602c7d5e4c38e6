import { Inject, Injectable } from '@nestjs/common';
import type { Provider } from '../../domain/payment';
import {
  PROVIDER_EVENT_REPOSITORY,
  type ProviderEventRepositoryPort,
} from '../ports/provider-event.repository.port';

/** A provider notification whose signature was verified, in this platform's terms. */
export interface VerifiedEvent {
  provider: Provider;
  eventId: string;
  eventType: string;
  /** Absent for event types that say nothing about a top-up (acknowledged and dropped). */
  providerRef?: string;
}

export interface Receipt {
  received: true;
  /** The provider sent this event id before: nothing new was stored. */
  duplicate: boolean;
}

/**
 * Takes a verified provider notification: stored once per provider event id, for the processor to work
 * off. Nothing is decided here — a webhook is only a hint that a payment may have changed.
 */
@Injectable()
export class ReceiveProviderEventHandler {
  constructor(@Inject(PROVIDER_EVENT_REPOSITORY) private readonly events: ProviderEventRepositoryPort) {}

  async execute(event: VerifiedEvent, body: Buffer): Promise<Receipt> {
    if (!event.providerRef) return { received: true, duplicate: false };
    const stored = await this.events.insert({
      provider: event.provider,
      eventId: event.eventId,
      providerRef: event.providerRef,
      body,
    });
    return { received: true, duplicate: !stored };
  }
}
