import type { DataSource } from 'typeorm';
import type { Transaction } from '@sportclub/service-kit';
import type { NewScan, PendingAnswer, ScanRepositoryPort } from '../application/ports/scan.repository.port';
import type { LateRefusal } from '../../shared/domain/acceptance-window';
import { DEVICE_ANSWERS_CHANNEL } from '../../shared/infrastructure/device-answers.channel';
import type { ScanAnswer } from '../domain/scan-answer';

/** An answer that could not reach its reader for this long is stale: the member has left the door. */
const STALE_AFTER = '1 minute';
/** No reader repeats a scan that late. */
const KEEP_SCANS = '7 days';

/** The `rfid_scan` table. */
export class RfidScanRepository implements ScanRepositoryPort {
  constructor(private readonly db: DataSource) {}

  async insert(tx: Transaction, s: NewScan): Promise<boolean> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO rfid_scan (reader_id, scan_id, tenant_id, card_id, court_id, correlation_id, scanned_at, answer_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now() + $8 * interval '1 millisecond')
       ON CONFLICT DO NOTHING RETURNING scan_id`,
      [s.readerId, s.scanId, s.tenantId, s.cardId, s.courtId, s.correlationId, s.scannedAt, s.answerWithinMs],
    );
    return inserted.length > 0;
  }

  async insertRefused(
    tx: Transaction,
    s: NewScan,
    refusal: { code: LateRefusal; answer: ScanAnswer },
  ): Promise<boolean> {
    const m = tx;
    const inserted: unknown[] = await m.query(
      `INSERT INTO rfid_scan (reader_id, scan_id, tenant_id, card_id, court_id, correlation_id, scanned_at, answer_by,
                              answer, answered_by, answered_at, refusal)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now(), $8::jsonb, 'bridge', now(), $9)
       ON CONFLICT DO NOTHING RETURNING scan_id`,
      [
        s.readerId,
        s.scanId,
        s.tenantId,
        s.cardId,
        s.courtId,
        s.correlationId,
        s.scannedAt,
        refusal.answer,
        refusal.code,
      ],
    );
    if (inserted.length === 0) return false;
    await m.query(`SELECT pg_notify('${DEVICE_ANSWERS_CHANNEL}', '')`);
    return true;
  }

  async redeliver(tx: Transaction, readerId: string, scanId: string): Promise<void> {
    const m = tx;
    const [, updated] = await m.query(
      `UPDATE rfid_scan SET delivered_at = NULL
        WHERE reader_id = $1 AND scan_id = $2 AND delivered_at IS NOT NULL`,
      [readerId, scanId],
    );
    if (updated > 0) await m.query(`SELECT pg_notify('${DEVICE_ANSWERS_CHANNEL}', '')`);
  }

  async answer(tx: Transaction, tenantId: string, correlationId: string, answer: ScanAnswer): Promise<void> {
    const m = tx;
    const [, updated] = await m.query(
      `UPDATE rfid_scan SET answer = $3::jsonb, answered_by = 'check-in', answered_at = now(), delivered_at = NULL
        WHERE correlation_id = $1::uuid AND tenant_id = $2 AND (answered_at IS NULL OR answered_by = 'timeout')`,
      [correlationId, tenantId, answer],
    );
    if (updated > 0) await m.query(`SELECT pg_notify('${DEVICE_ANSWERS_CHANNEL}', '')`);
  }

  async timeOut(answer: ScanAnswer): Promise<void> {
    await this.db.query(
      `UPDATE rfid_scan SET answer = $1::jsonb, answered_by = 'timeout', answered_at = now()
        WHERE answered_at IS NULL AND answer_by <= now()`,
      [answer],
    );
  }

  async claimUndelivered(tx: Transaction, limit: number): Promise<PendingAnswer[]> {
    return tx.query(
      `SELECT reader_id AS "readerId", scan_id AS "scanId", answer FROM rfid_scan
        WHERE answered_at IS NOT NULL AND delivered_at IS NULL AND answered_at > now() - interval '${STALE_AFTER}'
        ORDER BY answered_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  async markDelivered(tx: Transaction, scans: Pick<PendingAnswer, 'readerId' | 'scanId'>[]): Promise<void> {
    if (scans.length === 0) return;
    await tx.query(
      `UPDATE rfid_scan SET delivered_at = now()
        WHERE (reader_id, scan_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [scans.map((s) => s.readerId), scans.map((s) => s.scanId)],
    );
  }

  async prune(): Promise<void> {
    await this.db.query(`DELETE FROM rfid_scan WHERE received_at < now() - interval '${KEEP_SCANS}'`);
  }
}
