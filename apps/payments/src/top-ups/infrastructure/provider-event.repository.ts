import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Transaction } from '@sportclub/service-kit';
import type {
  DueProviderEvent,
  ProviderEventRepositoryPort,
  ReceivedProviderEvent,
} from '../application/ports/provider-event.repository.port';
import type { Provider } from '../domain/payment';

/** The providers' webhook events in SQL (`provider_event`). */
@Injectable()
export class ProviderEventRepository implements ProviderEventRepositoryPort {
  constructor(private readonly db: DataSource) {}

  async insert(e: ReceivedProviderEvent): Promise<boolean> {
    const stored: unknown[] = await this.db.query(
      `INSERT INTO provider_event (provider, event_id, event_type, provider_ref, raw_body, outcome, last_error, processed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $6::text IS NULL THEN NULL ELSE now() END)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [
        e.provider,
        e.eventId,
        e.eventType,
        e.providerRef,
        e.body,
        e.settled?.outcome ?? null,
        e.settled?.reason ?? null,
      ],
    );
    return stored.length > 0;
  }

  async claimDue(m: Transaction, leaseSeconds: number): Promise<DueProviderEvent | undefined> {
    // An UPDATE … RETURNING answers [rows, affected count] through TypeORM.
    const [[e]] = await m.query<
      [{ provider: Provider; event_id: string; provider_ref: string; attempts: number }[], number]
    >(
      `UPDATE provider_event SET next_attempt_at = now() + make_interval(secs => $1)
       WHERE (provider, event_id) = (
         SELECT provider, event_id FROM provider_event
         WHERE processed_at IS NULL AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING provider, event_id, provider_ref, attempts`,
      [leaseSeconds],
    );
    return (
      e && { provider: e.provider, eventId: e.event_id, providerRef: e.provider_ref, attempts: e.attempts }
    );
  }

  async markProcessed(m: Transaction, e: DueProviderEvent): Promise<void> {
    await m.query(
      `UPDATE provider_event SET processed_at = now(), outcome = 'reconciled', attempts = attempts + 1,
         last_error = NULL
       WHERE provider = $1 AND event_id = $2 AND processed_at IS NULL`,
      [e.provider, e.eventId],
    );
  }

  async markUnprocessable(m: Transaction, e: DueProviderEvent, reason: string): Promise<void> {
    await m.query(
      `UPDATE provider_event SET processed_at = now(), outcome = 'unprocessable', attempts = attempts + 1,
         last_error = $3
       WHERE provider = $1 AND event_id = $2 AND processed_at IS NULL`,
      [e.provider, e.eventId, reason],
    );
  }

  async retryLater(
    m: Transaction,
    e: DueProviderEvent,
    failure: { attempts: number; error: string; delaySeconds: number; giveUp: boolean },
  ): Promise<void> {
    await m.query(
      `UPDATE provider_event SET attempts = $3, last_error = $4,
         next_attempt_at = now() + make_interval(secs => $5), processed_at = CASE WHEN $6 THEN now() END,
         outcome = CASE WHEN $6 THEN 'set-aside' END
       WHERE provider = $1 AND event_id = $2 AND processed_at IS NULL`,
      [e.provider, e.eventId, failure.attempts, failure.error, failure.delaySeconds, failure.giveUp],
    );
  }
}
