import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import { FaultsService } from '../faults/faults.service';
import { webhookTargetsFromConfig, type SandboxConfig, type WebhookVendor } from '../config/sandbox.config';
import { accessVendorSignature } from './webhook.signatures';

export interface WebhookTarget {
  /** Where webhooks go unless a payment names its own notification URL. */
  url?: string;
  /** What they are signed with (PagBank: the account token). */
  secret: string;
}

/** One event a simulated vendor notifies; the vendor module builds and signs it. */
export interface WebhookNotice {
  /** The payment it is about: its deliveries keep their order, or are reversed together. */
  group: string;
  eventId: string;
  type: string;
  body: string;
  /** The payment's own notification URLs (Mercado Pago, PagBank); the target URL otherwise. */
  urls?: string[];
  /** The URL as the vendor calls it (Mercado Pago appends `?data.id=…&type=payment`). */
  decorateUrl?: (url: string) => string;
  /**
   * Headers of one attempt, signed at send time so timestamps are fresh on retries; `url` is where
   * it goes (Twilio signs it).
   */
  headers: (secret: string, url: string) => Record<string, string>;
  /** Default `application/json`; Twilio posts forms. */
  contentType?: string;
  /**
   * Signs this notice instead of the configured target's secret, which it then does not need (Twilio
   * signs a message's status callbacks with the auth token that sent it).
   */
  secret?: string;
}

export interface DeliveryRecord {
  eventId: string;
  type: string;
  group: string;
  url: string;
  /** HTTP status of each attempt; 0 when the receiver could not be reached. */
  statuses: number[];
  at: string;
}

const REORDER_HOLD_MS = 300;
const RETRY_DELAYS_MS = [1_000, 3_000];
const KEPT_RECORDS = 500;

/**
 * Delivers simulated vendors' webhooks, signed per vendor scheme, after the API call that caused them
 * (as the vendors do: never inside the request). Deliveries of one payment go out one after another;
 * a non-2xx answer is retried twice with backoff. Faults: `duplicateWebhooks` sends each event twice
 * with the same id; `reorderWebhooks` holds events ~300 ms and sends those of one payment newest first.
 */
@Injectable()
export class WebhookSender {
  private readonly logger = new Logger('WebhookSender');
  private readonly targets = new Map<string, WebhookTarget>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly held = new Map<string, WebhookNotice[]>();
  private readonly records = new Map<string, DeliveryRecord[]>();

  constructor(
    private readonly faults: FaultsService,
    @Inject(SERVICE_CONFIG) config: SandboxConfig,
  ) {
    for (const [vendor, target] of Object.entries(webhookTargetsFromConfig(config))) {
      this.targets.set(vendor, target);
    }
  }

  setTarget(vendor: WebhookVendor, target: WebhookTarget): void {
    this.targets.set(vendor, target);
  }

  deliveries(vendor: WebhookVendor): DeliveryRecord[] {
    return this.records.get(vendor) ?? [];
  }

  /** Queues a vendor event for delivery; returns at once (the API answer never waits for webhooks). */
  dispatch(vendor: WebhookVendor, notice: WebhookNotice): void {
    const key = `${vendor}:${notice.group}`;
    if (!this.faults.get(vendor).reorderWebhooks) return this.enqueue(vendor, key, notice);
    const held = this.held.get(key);
    if (held) return void held.push(notice);
    this.held.set(key, [notice]);
    setTimeout(() => {
      const batch = this.held.get(key) ?? [];
      this.held.delete(key);
      for (const n of batch.reverse()) this.enqueue(vendor, key, n);
    }, REORDER_HOLD_MS).unref();
  }

  /**
   * The access vendor's `access.checkout`, delivered within the admin call that triggers it so the
   * caller sees the receiver's statuses (empty when no target is set, or when held for reordering).
   */
  async sendAccessVendorEvent(eventType: string, data: Record<string, unknown>): Promise<number[]> {
    const target = this.targets.get('access-vendor');
    if (!target?.url) return [];
    const body = JSON.stringify({ event_type: eventType, timestamp: new Date().toISOString(), data });
    const eventId = `evt_${randomUUID()}`;
    const notice: WebhookNotice = {
      group: String(data.session_id ?? eventId),
      eventId,
      type: eventType,
      body,
      headers: (secret) => ({
        'x-access-signature': accessVendorSignature(secret, body),
        'x-access-event-id': eventId,
      }),
    };
    const faults = this.faults.get('access-vendor');
    if (faults.reorderWebhooks) {
      this.dispatch('access-vendor', notice);
      return [];
    }
    const statuses: number[] = [];
    for (let i = 0; i < (faults.duplicateWebhooks ? 2 : 1); i++) {
      statuses.push(await this.post(target.url, notice, target.secret));
    }
    this.record('access-vendor', notice, target.url, statuses);
    return statuses;
  }

  private enqueue(vendor: WebhookVendor, key: string, notice: WebhookNotice): void {
    const copies = this.faults.get(vendor).duplicateWebhooks ? 2 : 1;
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous.then(async () => {
      for (let i = 0; i < copies; i++) await this.deliver(vendor, notice);
    });
    this.chains.set(key, next);
    void next.finally(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
  }

  private async deliver(vendor: WebhookVendor, notice: WebhookNotice): Promise<void> {
    const target = this.targets.get(vendor);
    const urls = notice.urls?.length ? notice.urls : target?.url ? [target.url] : [];
    const secret = notice.secret ?? target?.secret;
    if (secret === undefined || urls.length === 0) return;
    for (const base of urls) {
      const url = notice.decorateUrl ? notice.decorateUrl(base) : base;
      const statuses: number[] = [];
      for (let attempt = 0; ; attempt++) {
        const status = await this.post(url, notice, secret);
        statuses.push(status);
        if ((status >= 200 && status < 300) || attempt >= RETRY_DELAYS_MS.length) break;
        await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempt]).unref());
      }
      this.record(vendor, notice, url, statuses);
    }
  }

  private async post(url: string, notice: WebhookNotice, secret: string): Promise<number> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': notice.contentType ?? 'application/json', ...notice.headers(secret, url) },
        body: notice.body,
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      return res.status;
    } catch (error) {
      this.logger.warn(`webhook ${notice.type} to ${url} failed: ${(error as Error).message}`);
      return 0;
    }
  }

  private record(vendor: string, notice: WebhookNotice, url: string, statuses: number[]): void {
    const list = this.records.get(vendor) ?? [];
    list.push({
      eventId: notice.eventId,
      type: notice.type,
      group: notice.group,
      url,
      statuses,
      at: new Date().toISOString(),
    });
    if (list.length > KEPT_RECORDS) list.splice(0, list.length - KEPT_RECORDS);
    this.records.set(vendor, list);
  }
}
