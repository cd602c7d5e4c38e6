import { Logger } from '@nestjs/common';

const ROUND_MS = 250;

/** One kind of device answer's delivery round (a door's, a panel's); resolves to how many it sent. */
export interface AnswerDelivery {
  execute(): Promise<number>;
}

/**
 * Runs the answer deliveries: woken when an answer is committed (NOTIFY), and every 250 ms for scans
 * whose deadline passed and answers a broker outage held back. A failed delivery is logged and retried
 * next round; it does not hold back the others.
 */
export class DeviceAnswersWorker {
  private readonly logger = new Logger('DeviceAnswers');
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private woken = false;

  constructor(private readonly deliveries: AnswerDelivery[]) {}

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
      for (const delivery of this.deliveries) {
        try {
          await delivery.execute();
        } catch (error) {
          this.logger.warn(`answers round failed, will retry: ${(error as Error).message}`);
        }
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
