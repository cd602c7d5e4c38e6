import type {
  NewScan,
  PendingAnswer,
  ScanRepositoryPort,
} from '../../src/rfid/application/ports/scan.repository.port';
import type { ScanAnswer } from '../../src/rfid/domain/scan-answer';
import type { LateRefusal } from '../../src/shared/domain/acceptance-window';
import type { Transaction } from '@sportclub/service-kit';

export interface ScanRow extends Omit<NewScan, 'answerWithinMs'> {
  answerBy: Date;
  answer: ScanAnswer | null;
  answeredBy: 'check-in' | 'timeout' | 'bridge' | null;
  refusal: LateRefusal | null;
  deliveredAt: Date | null;
}

/** The `rfid_scan` rows in memory, keyed `reader/scan`. */
export class InMemoryScans implements ScanRepositoryPort {
  readonly rows = new Map<string, ScanRow>();

  add(s: Partial<ScanRow> & Pick<ScanRow, 'readerId' | 'scanId'>): ScanRow {
    const row: ScanRow = {
      tenantId: 'club-a',
      cardId: '04A2B3C4D5',
      courtId: 'court-1',
      correlationId: `${s.readerId}/${s.scanId}`,
      scannedAt: new Date(),
      answerBy: new Date(Date.now() + 10_000),
      answer: null,
      answeredBy: null,
      refusal: null,
      deliveredAt: null,
      ...s,
    };
    this.rows.set(`${row.readerId}/${row.scanId}`, row);
    return row;
  }

  async insert(_tx: Transaction, s: NewScan): Promise<boolean> {
    if (this.rows.has(`${s.readerId}/${s.scanId}`)) return false;
    const { answerWithinMs, ...scan } = s;
    this.add({ ...scan, answerBy: new Date(Date.now() + answerWithinMs) });
    return true;
  }

  async insertRefused(
    _tx: Transaction,
    s: NewScan,
    refusal: { code: LateRefusal; answer: ScanAnswer },
  ): Promise<boolean> {
    if (this.rows.has(`${s.readerId}/${s.scanId}`)) return false;
    const { answerWithinMs: _, ...scan } = s;
    this.add({ ...scan, answer: refusal.answer, answeredBy: 'bridge', refusal: refusal.code });
    return true;
  }

  async redeliver(_tx: Transaction, readerId: string, scanId: string): Promise<void> {
    const row = this.rows.get(`${readerId}/${scanId}`);
    if (row?.deliveredAt) row.deliveredAt = null;
  }

  async answer(_tx: Transaction, tenantId: string, correlationId: string, answer: ScanAnswer): Promise<void> {
    for (const row of this.rows.values()) {
      if (row.correlationId !== correlationId || row.tenantId !== tenantId) continue;
      if (row.answer && row.answeredBy !== 'timeout') continue;
      Object.assign(row, { answer, answeredBy: 'check-in', deliveredAt: null });
    }
  }

  async timeOut(answer: ScanAnswer): Promise<void> {
    for (const row of this.rows.values()) {
      if (!row.answer && row.answerBy <= new Date()) Object.assign(row, { answer, answeredBy: 'timeout' });
    }
  }

  async claimUndelivered(_tx: Transaction, limit: number): Promise<PendingAnswer[]> {
    return [...this.rows.values()]
      .filter((r) => r.answer && !r.deliveredAt)
      .slice(0, limit)
      .map((r) => ({ readerId: r.readerId, scanId: r.scanId, answer: r.answer! }));
  }

  async markDelivered(_tx: Transaction, scans: Pick<PendingAnswer, 'readerId' | 'scanId'>[]): Promise<void> {
    for (const s of scans) this.rows.get(`${s.readerId}/${s.scanId}`)!.deliveredAt = new Date();
  }

  async prune(): Promise<void> {}
}
