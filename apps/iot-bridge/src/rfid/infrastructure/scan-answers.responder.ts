import type { DataSource } from 'typeorm';
import type { DeviceBroker } from '../../broker/device-broker';
import { ANSWERS, type ScanAnswer } from '../domain/scan';

interface Logger {
  warn(message: string): void;
}

const ROUND_MS = 250;
/** An answer that could not reach its reader for this long is stale: the member has left the door. */
const STALE_AFTER = '1 minute';
const PRUNE_EVERY_MS = 3_600_000;
const KEEP_SCANS = '7 days';

/**
 * Delivers scan answers to `rfid/<readerId>/response` (QoS 1). Woken by NOTIFY when an answer is
 * committed, and every 250 ms to answer scans whose deadline passed ("try again", yellow). Rows are
 * claimed with SKIP LOCKED and marked delivered once the broker has them, so replicas share the work
 * and a broker outage only delays answers (up to a minute; older ones are dropped). Scans older than
 * a week are deleted: no reader repeats one that late.
 */
export class ScanAnswersResponder {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private woken = false;
  private lastPrune = 0;

  constructor(
    private readonly db: DataSource,
    private readonly broker: DeviceBroker,
    private readonly logger: Logger,
  ) {}

  notify(): void {
    this.woken = true;
    this.wake?.();
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.notify();
    await this.loop;
  }

  /** One round: time out overdue scans, deliver what is answered. Exposed for tests and tools. */
  async round(): Promise<number> {
    await this.db.query(
      `UPDATE rfid_scan SET answer = $1::jsonb, answered_by = 'timeout', answered_at = now()
        WHERE answered_at IS NULL AND answer_by <= now()`,
      [ANSWERS.timeout],
    );
    const delivered = await this.db.transaction(async (m) => {
      const rows: { reader_id: string; scan_id: string; answer: ScanAnswer }[] = await m.query(
        `SELECT reader_id, scan_id, answer FROM rfid_scan
          WHERE answered_at IS NOT NULL AND delivered_at IS NULL AND answered_at > now() - interval '${STALE_AFTER}'
          ORDER BY answered_at LIMIT 100 FOR UPDATE SKIP LOCKED`,
      );
      const sent: string[][] = [];
      for (const r of rows) {
        try {
          await this.broker.publish(`rfid/${r.reader_id}/response`, { scanId: r.scan_id, ...r.answer });
          sent.push([r.reader_id, r.scan_id]);
        } catch (error) {
          this.logger.warn(
            `answer to ${r.reader_id} scan ${r.scan_id} not delivered yet: ${(error as Error).message}`,
          );
          break;
        }
      }
      if (sent.length > 0) {
        await m.query(
          `UPDATE rfid_scan SET delivered_at = now()
            WHERE (reader_id, scan_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
          [sent.map((s) => s[0]), sent.map((s) => s[1])],
        );
      }
      return sent.length;
    });
    if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = Date.now();
      await this.db.query(`DELETE FROM rfid_scan WHERE received_at < now() - interval '${KEEP_SCANS}'`);
    }
    return delivered;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.round();
      } catch (error) {
        this.logger.warn(`scan answers round failed, will retry: ${(error as Error).message}`);
      }
      if (!this.woken && this.running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ROUND_MS);
          this.wake = () => (clearTimeout(timer), resolve());
        });
      }
      this.wake = undefined;
      this.woken = false;
    }
  }
}
