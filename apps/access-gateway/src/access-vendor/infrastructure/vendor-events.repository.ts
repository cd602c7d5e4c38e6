import { Injectable } from '@nestjs/common';
import { jsonbSafe, type Transaction } from '@sportclub/service-kit';
import type {
  EarlyCheckout,
  VendorEventsRepository,
} from '../application/ports/vendor-events.repository.port';

/** The `webhook_event` table (provider `access-vendor`). */
@Injectable()
export class PgVendorEventsRepository implements VendorEventsRepository {
  async store(tx: Transaction, e: { eventId: string; eventType: string; rawBody: Buffer; payload: unknown }) {
    const stored: unknown[] = await tx.query(
      `INSERT INTO webhook_event (provider, event_id, event_type, payload, raw_body, outcome)
       VALUES ('access-vendor', $1, $2, $3, $4, 'received') ON CONFLICT DO NOTHING RETURNING event_id`,
      [e.eventId, e.eventType, JSON.stringify(jsonbSafe(e.payload)), e.rawBody],
    );
    if (stored.length > 0) return 'stored';
    // Rows kept before raw bodies were (raw_body NULL) cannot be compared: taken as the same event.
    const [{ same }] = await tx.query<{ same: boolean }[]>(
      `SELECT raw_body IS NULL OR raw_body = $2 AS same FROM webhook_event
        WHERE provider = 'access-vendor' AND event_id = $1`,
      [e.eventId, e.rawBody],
    );
    return same ? 'duplicate' : 'conflict';
  }

  async setOutcome(tx: Transaction, eventId: string, outcome: string): Promise<void> {
    await tx.query(
      `UPDATE webhook_event SET outcome = $2 WHERE provider = 'access-vendor' AND event_id = $1`,
      [eventId, outcome],
    );
  }

  async recordedConsumption(tx: Transaction, sessionId: string): Promise<number> {
    const [{ total }] = await tx.query<{ total: number }[]>(
      `SELECT coalesce(sum((payload->'data'->>'total_price')::bigint), 0)::bigint AS total FROM webhook_event
        WHERE provider = 'access-vendor' AND event_type = 'consumption.recorded'
          AND payload->'data'->>'session_id' = $1`,
      [sessionId],
    );
    return Number(total);
  }

  async awaitingCheckout(tx: Transaction, sessionId: string): Promise<EarlyCheckout | undefined> {
    const [early] = await tx.query<
      { eventId: string; data: { checked_out_at: string; consumption_total?: number } }[]
    >(
      `SELECT event_id AS "eventId", payload->'data' AS data FROM webhook_event
        WHERE provider = 'access-vendor' AND event_type = 'access.checkout' AND outcome = 'awaiting-session'
          AND payload->'data'->>'session_id' = $1
        ORDER BY received_at LIMIT 1`,
      [sessionId],
    );
    return (
      early && {
        eventId: early.eventId,
        endedAt: early.data.checked_out_at,
        consumptionCentavos: early.data.consumption_total ?? 0,
      }
    );
  }
}
