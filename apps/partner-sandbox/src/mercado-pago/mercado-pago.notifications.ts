import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { WebhookSender } from '../webhooks/webhook.sender';
import { mercadoPagoSignature } from '../webhooks/webhook.signatures';
import type { MpPayment } from './mercado-pago.objects';
import { MercadoPagoStore } from './mercado-pago.store';

/**
 * MP's payment webhooks: the body names only the payment (`data.id`), the URL carries
 * `?data.id=…&type=payment`, and `x-signature` signs a manifest of that id and the `x-request-id` —
 * not the body — so the receiver must GET the payment to learn what changed. Sent to the payment's
 * `notification_url` when it has one, the configured target otherwise.
 */
@Injectable()
export class MercadoPagoNotifications {
  constructor(
    private readonly store: MercadoPagoStore,
    private readonly webhooks: WebhookSender,
  ) {}

  notify(payment: MpPayment, action: 'payment.created' | 'payment.updated'): void {
    const notificationId = this.store.notificationIds.take();
    const dataId = String(payment.id);
    const body = JSON.stringify({
      id: notificationId,
      live_mode: false,
      type: 'payment',
      date_created: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      user_id: payment.collector_id,
      api_version: 'v1',
      action,
      data: { id: dataId },
    });
    this.webhooks.dispatch('mercadopago', {
      group: dataId,
      eventId: String(notificationId),
      type: action,
      body,
      urls: payment.notification_url ? [payment.notification_url] : undefined,
      decorateUrl: (base) => {
        const url = new URL(base);
        url.searchParams.set('data.id', dataId);
        url.searchParams.set('type', 'payment');
        return url.toString();
      },
      headers: (secret) => {
        const requestId = randomUUID();
        return {
          'x-request-id': requestId,
          'x-signature': mercadoPagoSignature(secret, dataId, requestId),
          'user-agent': 'MercadoPago WebHook v1.0 payment',
        };
      },
    });
  }
}
