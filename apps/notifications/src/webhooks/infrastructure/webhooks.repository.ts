import { Injectable } from '@nestjs/common';
import { isoUtc, type Transaction } from '@sportclub/service-kit';
import type { ProviderName } from '../../shared/domain/channels';
import type { StoredWebhook, WebhooksRepositoryPort } from '../application/ports/webhooks.repository.port';
import type { WebhookItem } from '../domain/webhook-items';

/** A NUL as JSON escapes it (`\u0000`, after an even run of backslashes: not a literal `\\u0000`). */
const ESCAPED_NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;

/** Providers' webhook items in SQL (`provider_webhook`). */
@Injectable()
export class WebhooksRepository implements WebhooksRepositoryPort {
  async insert(
    tx: Transaction,
    items: { tenantId: string; item: WebhookItem; rawBody: string }[],
  ): Promise<boolean[]> {
    if (!items.length) return [];
    // PostgreSQL text and jsonb hold no NUL character: a provider's stray one becomes U+FFFD, in ids too.
    const kept = items.map((i) => ({
      tenantId: i.tenantId,
      item: JSON.parse(JSON.stringify(i.item).replace(ESCAPED_NUL, '$1\\ufffd')) as WebhookItem,
      rawBody: i.rawBody.replaceAll('\u0000', '\ufffd'),
    }));
    const rows = await tx.query<{ tenant_id: string; provider: string; event_id: string }[]>(
      `INSERT INTO provider_webhook (provider, event_id, tenant_id, item, raw_body)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::text[])
       ON CONFLICT DO NOTHING RETURNING tenant_id, provider, event_id`,
      [
        kept.map((i) => i.item.provider),
        kept.map((i) => i.item.eventId),
        kept.map((i) => i.tenantId),
        kept.map((i) => JSON.stringify(i.item)),
        kept.map((i) => i.rawBody),
      ],
    );
    // New: inserted now, and the first of the call with its key (per club: another club's item with the
    // same provider id, forged or not, neither hides nor is hidden by this one).
    const key = (tenantId: string, provider: string, eventId: string) =>
      `${tenantId}\n${provider}\n${eventId}`;
    const inserted = new Set(rows.map((r) => key(r.tenant_id, r.provider, r.event_id)));
    return kept.map(({ tenantId, item }) => inserted.delete(key(tenantId, item.provider, item.eventId)));
  }

  async takeUnprocessed(tx: Transaction, limit: number, maxFailures: number): Promise<StoredWebhook[]> {
    const rows = await tx.query<
      {
        provider: ProviderName;
        event_id: string;
        tenant_id: string;
        item: WebhookItem;
        received_at: string;
      }[]
    >(
      `SELECT provider, event_id, tenant_id, item, ${isoUtc('received_at')} AS received_at
       FROM provider_webhook WHERE processed_at IS NULL AND failures < $2
       ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit, maxFailures],
    );
    return rows.map((row) => ({
      provider: row.provider,
      eventId: row.event_id,
      tenantId: row.tenant_id,
      item: row.item,
      receivedAt: row.received_at,
    }));
  }

  async eraseFor(tx: Transaction, tenantId: string, phone: string | undefined, providerMessageIds: string[]) {
    const [, affected] = await tx.query<[unknown[], number]>(
      `DELETE FROM provider_webhook WHERE tenant_id = $1
         AND (item->>'from' = $2 OR item->>'providerMessageId' = ANY($3::text[]))`,
      [tenantId, phone ?? null, providerMessageIds],
    );
    return affected;
  }

  async prune(tx: Transaction, before: Date, limit: number) {
    const [, affected] = await tx.query<[unknown[], number]>(
      `DELETE FROM provider_webhook WHERE (tenant_id, provider, event_id) IN (
         SELECT tenant_id, provider, event_id FROM provider_webhook WHERE processed_at < $1 LIMIT $2)`,
      [before.toISOString(), limit],
    );
    return affected;
  }

  async markProcessed(tx: Transaction, items: StoredWebhook[]): Promise<void> {
    if (!items.length) return;
    await tx.query(
      `UPDATE provider_webhook w SET processed_at = now()
       FROM unnest($1::text[], $2::text[], $3::text[]) AS k(tenant_id, provider, event_id)
       WHERE w.tenant_id = k.tenant_id AND w.provider = k.provider AND w.event_id = k.event_id`,
      [items.map((i) => i.tenantId), items.map((i) => i.provider), items.map((i) => i.eventId)],
    );
  }

  async recordFailure(tx: Transaction, item: StoredWebhook, error: string): Promise<void> {
    await tx.query(
      `UPDATE provider_webhook SET failures = failures + 1, last_error = $4
       WHERE tenant_id = $1 AND provider = $2 AND event_id = $3`,
      [item.tenantId, item.provider, item.eventId, error.slice(0, 2000)],
    );
  }
}
