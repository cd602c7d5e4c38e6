import { createHmac, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { FaultsService } from '../faults/faults.service';

export interface WebhookTarget {
  url: string;
  secret: string;
}

/**
 * Delivers a simulated vendor's webhooks the way the vendor signs them (for the access vendor:
 * `X-Access-Signature: t=<unix>,v1=HMAC-SHA256(secret, "<t>.<raw body>")` and an event id). With the
 * `duplicateWebhooks` fault on, every event is delivered twice with the same id.
 */
@Injectable()
export class WebhookSender {
  private readonly logger = new Logger('WebhookSender');
  private readonly targets = new Map<string, WebhookTarget>();

  constructor(private readonly faults: FaultsService) {}

  setTarget(vendor: string, target: WebhookTarget): void {
    this.targets.set(vendor, target);
  }

  /** Sends and returns the HTTP statuses the receiver answered (empty when no target is set). */
  async sendAccessVendorEvent(eventType: string, data: Record<string, unknown>): Promise<number[]> {
    const target = this.targets.get('access-vendor');
    if (!target) return [];
    const body = JSON.stringify({ event_type: eventType, timestamp: new Date().toISOString(), data });
    const eventId = `evt_${randomUUID()}`;
    const copies = this.faults.get('access-vendor').duplicateWebhooks ? 2 : 1;
    const statuses: number[] = [];
    for (let i = 0; i < copies; i++) {
      const t = Math.floor(Date.now() / 1000);
      const v1 = createHmac('sha256', target.secret).update(`${t}.${body}`).digest('hex');
      try {
        const res = await fetch(target.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-access-signature': `t=${t},v1=${v1}`,
            'x-access-event-id': eventId,
          },
          body,
        });
        statuses.push(res.status);
      } catch (error) {
        this.logger.warn(`webhook ${eventType} to ${target.url} failed: ${(error as Error).message}`);
        statuses.push(0);
      }
    }
    return statuses;
  }
}
