import { Inject, Injectable, Logger } from '@nestjs/common';
import { DeliverScanAnswersHandler } from '../application/deliver-scan-answers/deliver-scan-answers.handler';

const ROUND_MS = 250;

/**
 * Runs the answer delivery: woken when an answer is committed (NOTIFY), and every 250 ms for scans
 * whose deadline passed. A failed round is logged and retried.
 */
@Injectable()
export class ScanAnswersWorker {
  private readonly logger = new Logger('ScanAnswers');
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private woken = false;

  constructor(@Inject(DeliverScanAnswersHandler) private readonly deliver: DeliverScanAnswersHandler) {}

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

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.deliver.execute();
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
