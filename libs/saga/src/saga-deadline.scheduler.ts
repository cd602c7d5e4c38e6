import type { SagaEngine } from './saga.engine';

export interface SagaDeadlineSchedulerOptions {
  /** Pause between polls when nothing was due (default 1 s). */
  intervalMs?: number;
  /** Sagas timed out per transaction (default 50). */
  batchSize?: number;
  /** A failed poll (e.g. the database is down) is reported here and retried on the next tick. */
  onError?: (error: Error) => void;
}

/**
 * Drives expired deadlines. Safe to run in every replica: each poll locks due rows with
 * `FOR UPDATE SKIP LOCKED`, so two schedulers never time out the same saga, and the engine's version
 * check makes a timeout that races a reply lose cleanly. A full batch is followed at once by another.
 */
export class SagaDeadlineScheduler {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(
    private readonly engine: SagaEngine,
    private readonly options: SagaDeadlineSchedulerOptions = {},
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    if (!this.running) this.schedule(0); // a round still finishing schedules the next one itself
  }

  /** Stops polling and waits for the round in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.round().finally(() => (this.running = undefined));
    }, delayMs);
  }

  private async round(): Promise<void> {
    const batchSize = this.options.batchSize ?? 50;
    let full = false;
    try {
      full = (await this.engine.fireDueDeadlines(batchSize)).length === batchSize;
    } catch (error) {
      (this.options.onError ?? ((e) => console.warn(`saga deadline poll failed: ${e.message}`)))(
        error as Error,
      );
    }
    this.schedule(full ? 0 : (this.options.intervalMs ?? 1_000));
  }
}
