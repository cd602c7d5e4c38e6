import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';

/**
 * Runs `pass` one at a time: on every `kick()` (new work was just committed) and every `everyMs` once
 * started (work another replica or a crash left, or work that becomes due). A kick during a pass makes
 * one more pass when it ends, so what arrived meanwhile is not left for the timer. A pass that throws is
 * reported to `onError`; the next one runs as usual. `stop()` clears the timer and waits for the pass in
 * progress.
 */
export class SerialPasses {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly pass: () => Promise<unknown>,
    private readonly everyMs: number,
    private readonly onError: (error: Error) => void,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => this.kick(), this.everyMs);
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async drain(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.pass().catch((error: unknown) => {
          try {
            this.onError(error instanceof Error ? error : new Error(String(error)));
          } catch {
            // a failing reporter must not stop the passes
          }
        });
      } while (this.again && !this.stopped);
    } finally {
      this.running = undefined;
    }
  }
}

/**
 * A Nest provider that runs one kind of pass as SerialPasses does, from the application's start (a first
 * pass at once when `atStart`) until its shutdown, which waits for the pass in progress. A pass that
 * throws is logged under `logger` as "`doing`: <error>". Subclasses call `kick()` when work was committed.
 */
export abstract class ScheduledPasses implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly passes: SerialPasses;
  private readonly atStart: boolean;

  protected constructor(
    options: { logger: string; doing: string; everyMs: number; atStart?: boolean },
    pass: () => Promise<unknown>,
  ) {
    const logger = new Logger(options.logger);
    this.passes = new SerialPasses(pass, options.everyMs, (error) =>
      logger.error(`${options.doing}: ${error.message}`),
    );
    this.atStart = options.atStart === true;
  }

  onApplicationBootstrap(): void {
    this.passes.start();
    if (this.atStart) this.passes.kick();
  }

  /** One more pass now (or right after the one in progress). */
  kick(): void {
    this.passes.kick();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.passes.stop();
  }
}
