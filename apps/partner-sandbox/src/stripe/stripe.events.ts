import { Injectable } from '@nestjs/common';
import { WebhookSender } from '../webhooks/webhook.sender';
import { stripeSignature } from '../webhooks/webhook.signatures';
import { now, stripeId, type StripeEvent } from './stripe.objects';
import type { StripeRequestInfo } from './stripe.request';
import { StripeStore } from './stripe.store';

/** The API version events are rendered in when the causing request pinned none (stripe-node 23.1's). */
export const DEFAULT_API_VERSION = '2026-10-28.endive';

/**
 * Records Stripe Events (retrievable at /v1/events/:id) and sends each to the webhook endpoint, signed
 * with `Stripe-Signature`, after the API answer. `request` ties an event to the API call and the
 * idempotency key that caused it, as Stripe does.
 */
@Injectable()
export class StripeEvents {
  constructor(
    private readonly store: StripeStore,
    private readonly webhooks: WebhookSender,
  ) {}

  /** `group` is the PaymentIntent the event is about (ordering and reordering are per intent). */
  emit(type: string, object: { id: string }, group: string, request: StripeRequestInfo | null): StripeEvent {
    const event: StripeEvent = {
      id: stripeId('evt'),
      object: 'event',
      api_version: request?.apiVersion ?? DEFAULT_API_VERSION,
      created: now(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: request?.requestId ?? null, idempotency_key: request?.idempotencyKey ?? null },
      type,
    };
    this.store.events.set(event.id, event);
    // Stripe posts pretty-printed JSON; receivers must verify the exact bytes, not a re-serialization.
    const body = JSON.stringify(event, null, 2);
    this.webhooks.dispatch('stripe', {
      group,
      eventId: event.id,
      type,
      body,
      headers: (secret) => ({
        'stripe-signature': stripeSignature(secret, body),
        'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      }),
    });
    return event;
  }
}
