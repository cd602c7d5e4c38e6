import { Injectable } from '@nestjs/common';
import { isoUtc, type Transaction } from '@sportclub/service-kit';
import type { ProviderName } from '../../shared/domain/channels';
import type { StoredWebhook, WebhooksRepositoryPort } from '../application/ports/webhooks.repository.port';
import type { WebhookItem } from '../domain/webhook-items';

/** Providers' webhook items in SQL (`provider_webhook`). */
@Injectable()
export class WebhooksRepository implements WebhooksRepositoryPort {
  async insert(tx: Transaction, tenantId: string, item: WebhookItem, rawBody: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO provider_webhook (provider, event_id, tenant_id, item, raw_body) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [item.provider, item.eventId, tenantId, JSON.stringify(item), rawBody],
    );
    return rows.length > 0;
  }

  async find(tx: Transaction, provider: ProviderName, eventId: string): Promise<StoredWebhook | undefined> {
    const [row] = await tx.query<
      { tenant_id: string; item: WebhookItem; received_at: string; processed: boolean }[]
    >(
      `SELECT tenant_id, item, ${isoUtc('received_at')} AS received_at, processed_at IS NOT NULL AS processed
       FROM provider_webhook WHERE provider = $1 AND event_id = $2`,
      [provider, eventId],
    );
    return (
      row && {
        tenantId: row.tenant_id,
        item: row.item,
        receivedAt: row.received_at,
        processed: row.processed,
      }
    );
  }

  async eraseFor(tx: Transaction, tenantId: string, phone: string | undefined, providerMessageIds: string[]) {
    const [, affected] = await tx.query<[unknown[], number]>(
      `DELETE FROM provider_webhook WHERE tenant_id = $1
         AND (item->>'from' = $2 OR item->>'providerMessageId' = ANY($3::text[]))`,
      [tenantId, phone ?? null, providerMessageIds],
    );
    return affected;
  }

  async markProcessed(tx: Transaction, provider: ProviderName, eventId: string): Promise<void> {
    await tx.query('UPDATE provider_webhook SET processed_at = now() WHERE provider = $1 AND event_id = $2', [
      provider,
      eventId,
    ]);
  }
}
