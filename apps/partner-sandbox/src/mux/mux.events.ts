import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { WebhookSender, type DeliveryRecord } from '../webhooks/webhook.sender';
import { muxSignature } from '../webhooks/webhook.signatures';
import { SANDBOX_ENVIRONMENT } from './mux.credentials';

/**
 * A Mux webhook event (docs.mux.com, "Listen for webhooks"; @mux/mux-node's `BaseWebhookEvent`): `data`
 * is the asset or live stream as it is at that moment, with `created_at` in unix seconds as a number.
 * `object.type` is `asset` for asset events and `live` for live stream ones.
 */
export interface MuxEvent {
  type: string;
  id: string;
  created_at: string;
  object: { type: 'asset' | 'live'; id: string };
  environment: { id: string; name: string };
  data: Record<string, unknown>;
  request_id: null;
  accessor: null;
  accessor_source: null;
  /** Earlier delivery attempts; always empty here (the sandbox signs one body for all attempts). */
  attempts: [];
}

const KEPT_EVENTS = 1_000;

/**
 * Emits Mux webhook events: each is kept (for the admin API) and posted to the environment's webhook
 * URL signed with `Mux-Signature`, after the API answer, through the shared sender — so one stream's
 * events keep their order, a non-2xx answer is retried with backoff, and the `duplicateWebhooks` /
 * `reorderWebhooks` faults apply.
 */
@Injectable()
export class MuxEvents {
  private readonly events: MuxEvent[] = [];

  constructor(private readonly webhooks: WebhookSender) {}

  /**
   * `group` orders deliveries: a live stream and its recording share the stream's id, so `active`
   * never overtakes `connected`; a clip is its own group.
   */
  emit(type: string, object: MuxEvent['object'], data: Record<string, unknown>, group: string): MuxEvent {
    const event: MuxEvent = {
      type,
      id: randomUUID(),
      created_at: new Date().toISOString(),
      object,
      environment: { ...SANDBOX_ENVIRONMENT },
      data: structuredClone(data),
      request_id: null,
      accessor: null,
      accessor_source: null,
      attempts: [],
    };
    this.events.push(event);
    if (this.events.length > KEPT_EVENTS) this.events.splice(0, this.events.length - KEPT_EVENTS);
    const body = JSON.stringify(event);
    this.webhooks.dispatch('mux', {
      group,
      eventId: event.id,
      type,
      body,
      headers: (secret) => ({ 'mux-signature': muxSignature(secret, body) }),
    });
    return event;
  }

  /** Events emitted so far, oldest first, each with its deliveries (receiver statuses per attempt). */
  list(filter: { type?: string; objectId?: string } = {}): (MuxEvent & { deliveries: DeliveryRecord[] })[] {
    const deliveries = this.webhooks.deliveries('mux');
    return this.events
      .filter(
        (e) =>
          (!filter.type || e.type === filter.type) && (!filter.objectId || e.object.id === filter.objectId),
      )
      .map((e) => ({ ...e, deliveries: deliveries.filter((d) => d.eventId === e.id) }));
  }
}
