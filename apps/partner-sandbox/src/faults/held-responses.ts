import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { HttpResponse } from '../common/http.types';

/** How long a `timeout` fault keeps a response unanswered before cutting the connection. */
export const TIMEOUT_HOLD_MS = 35_000;

/**
 * Responses a `timeout` fault is holding. The connection is cut when the hold ends (no late answer: a
 * client past its own timeout would never see it), and all of them on shutdown so SIGTERM is not kept
 * waiting for the server to drain.
 */
@Injectable()
export class HeldResponses implements BeforeApplicationShutdown {
  private readonly held = new Set<HttpResponse>();

  /** Never settles: the caller's answer is dropped. */
  hold(res: HttpResponse): Promise<never> {
    this.held.add(res);
    const timer = setTimeout(() => res.destroy(), TIMEOUT_HOLD_MS);
    timer.unref();
    res.once('close', () => {
      clearTimeout(timer);
      this.held.delete(res);
    });
    return new Promise<never>(() => undefined);
  }

  beforeApplicationShutdown(): void {
    for (const res of this.held) res.destroy();
    this.held.clear();
  }
}
