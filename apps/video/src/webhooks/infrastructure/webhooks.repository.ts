import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { jsonbSafe, type Transaction } from '@sportclub/service-kit';
import type { VendorEvent } from '../../shared/application/ports/video-platform.port';
import type {
  DueWebhook,
  WebhookOutcome,
  WebhooksRepositoryPort,
} from '../application/ports/webhooks.repository.port';

/** Vendor webhooks in PostgreSQL: the raw body kept as received (audit, replay), processed once. */
@Injectable()
export class WebhooksRepository implements WebhooksRepositoryPort {
  constructor(private readonly db: DataSource) {}

  async insert(tx: Transaction, vendor: string, event: VendorEvent, rawBody: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO vendor_webhook (event_id, vendor, type, body, next_attempt_at) VALUES ($1, $2, $3, $4::jsonb, now())
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      // jsonb: as received but for U+0000, which PostgreSQL cannot hold (a vendor's error text may carry one).
      [event.id, vendor, event.type, JSON.stringify(jsonbSafe(JSON.parse(rawBody)))],
    );
    return rows.length > 0;
  }

  claimDue(limit: number, leaseMs: number): Promise<DueWebhook[]> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<
        { event_id: string; type: string; body: { data: Record<string, unknown> }; attempts: number }[]
      >(
        `WITH due AS (
           SELECT event_id FROM vendor_webhook WHERE processed_at IS NULL AND next_attempt_at <= now()
           ORDER BY received_at LIMIT $1 FOR UPDATE SKIP LOCKED
         ), claimed AS (
           UPDATE vendor_webhook w SET next_attempt_at = now() + make_interval(secs => $2 / 1000.0)
           FROM due d WHERE w.event_id = d.event_id
           RETURNING w.event_id, w.type, w.body, w.attempts, w.received_at
         )
         SELECT event_id, type, body, attempts FROM claimed ORDER BY received_at`,
        [limit, leaseMs],
      );
      return rows.map((r) => ({
        event: { id: r.event_id, type: r.type, data: r.body.data ?? {} },
        attempts: r.attempts,
      }));
    });
  }

  async settle(tx: Transaction, eventId: string, outcome: WebhookOutcome): Promise<void> {
    if (outcome === 'processed') {
      await tx.query('UPDATE vendor_webhook SET processed_at = now(), error = NULL WHERE event_id = $1', [
        eventId,
      ]);
    } else if ('gaveUp' in outcome) {
      await tx.query(
        'UPDATE vendor_webhook SET processed_at = now(), attempts = attempts + 1, error = $2 WHERE event_id = $1',
        [eventId, outcome.gaveUp.slice(0, 1000)],
      );
    } else {
      await tx.query(
        `UPDATE vendor_webhook SET attempts = attempts + 1, error = $2,
           next_attempt_at = now() + make_interval(secs => $3 / 1000.0) WHERE event_id = $1`,
        [eventId, outcome.error.slice(0, 1000), outcome.retryInMs],
      );
    }
  }
}
