import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { IotRfidScannedV1 } from '@sportclub/contracts';
import type { Outbox } from '@sportclub/outbox';
import { parsePayload } from '../../devices/domain/device-payloads';
import type { DeviceRepository } from '../../devices/infrastructure/device.repository';
import { ANSWERS, scanPayload, type ScanAnswer } from '../domain/scan';

interface Logger {
  warn(message: string): void;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Answers to deliver: committed rows wake the responder of every replica. */
export const ANSWERS_CHANNEL = 'iot_rfid_answers';

/** The answer a scan gets at once, without a check-in (it could not even be read). */
export interface ImmediateAnswer extends ScanAnswer {
  scanId: string | null;
}

/**
 * A reader's scans. A new scan is stored under the reader's scan id and announced as
 * `iot.rfid.scanned.v1` with a fresh correlation id in one transaction; the same scan again (QoS 1
 * redelivery, a reader retrying) finds its row: no second event, and its answer, if it has one, is
 * sent again. The check-in's outcome comes back by that correlation id.
 */
export class RfidScansService {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: Outbox,
    private readonly devices: DeviceRepository,
    private readonly answerWithinMs: number,
    private readonly logger: Logger,
  ) {}

  async scanned(readerId: string, raw: Buffer): Promise<ImmediateAnswer | undefined> {
    const parsed = parsePayload(scanPayload, raw);
    if (!parsed.ok || (parsed.data.reader_id !== undefined && parsed.data.reader_id !== readerId)) {
      const reason = parsed.ok ? `reader_id: not the reader of the topic (${readerId})` : parsed.reason;
      this.logger.warn(`rfid/${readerId}/scan: invalid scan denied, ${reason}`);
      return { scanId: scanIdOf(raw), ...ANSWERS.invalidScan };
    }
    const { scan_id: scanId, card_id: cardId, timestamp } = parsed.data;
    const reader = await this.devices.active(this.db, readerId, 'rfid-reader');
    if (!reader?.courtId) {
      this.logger.warn(`rfid/${readerId}/scan: denied, ${readerId} is no enabled reader`);
      return { scanId, ...ANSWERS.unknownReader };
    }
    await this.db.transaction(async (m) => {
      const correlationId = randomUUID();
      const inserted: unknown[] = await m.query(
        `INSERT INTO rfid_scan (reader_id, scan_id, tenant_id, card_id, court_id, correlation_id, scanned_at, answer_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now() + $8 * interval '1 millisecond')
         ON CONFLICT DO NOTHING RETURNING scan_id`,
        [
          readerId,
          scanId,
          reader.tenantId,
          cardId,
          reader.courtId,
          correlationId,
          timestamp,
          this.answerWithinMs,
        ],
      );
      if (inserted.length === 0) return this.resend(m, readerId, scanId);
      await this.outbox.publish(
        m,
        IotRfidScannedV1.envelope({
          source: 'iot-bridge',
          tenantId: reader.tenantId,
          subject: readerId,
          correlationId,
          data: { readerId, scanId, cardId, courtId: reader.courtId! },
        }),
      );
    });
    return undefined;
  }

  /**
   * The check-in's outcome for the scan of that flow (inside the event's inbox transaction). It
   * replaces a "try again" the reader got meanwhile: the door should show what really happened.
   */
  async answer(m: EntityManager, tenantId: string, correlationId: string, answer: ScanAnswer): Promise<void> {
    if (!UUID.test(correlationId)) return; // not a flow a scan started
    const [, updated] = await m.query(
      `UPDATE rfid_scan SET answer = $3::jsonb, answered_by = 'check-in', answered_at = now(), delivered_at = NULL
        WHERE correlation_id = $1::uuid AND tenant_id = $2 AND (answered_at IS NULL OR answered_by = 'timeout')`,
      [correlationId, tenantId, answer],
    );
    if (updated > 0) await m.query(`SELECT pg_notify('${ANSWERS_CHANNEL}', '')`);
  }

  private async resend(m: EntityManager, readerId: string, scanId: string): Promise<void> {
    const [, updated] = await m.query(
      `UPDATE rfid_scan SET delivered_at = NULL
        WHERE reader_id = $1 AND scan_id = $2 AND delivered_at IS NOT NULL`,
      [readerId, scanId],
    );
    if (updated > 0) await m.query(`SELECT pg_notify('${ANSWERS_CHANNEL}', '')`);
  }
}

/** The scan id of a payload too broken to validate, when it still has a plausible one. */
function scanIdOf(raw: Buffer): string | null {
  try {
    const id = (JSON.parse(raw.toString('utf8')) as { scan_id?: unknown }).scan_id;
    return typeof id === 'string' && /^[\x21-\x7e]{1,100}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}
