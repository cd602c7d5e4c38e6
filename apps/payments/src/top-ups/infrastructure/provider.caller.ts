import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ResilientCaller } from '@sportclub/resilience';

/** One caller (timeouts, retries, a breaker per provider and tenant) for every payment provider. */
@Injectable()
export class ProviderCaller extends ResilientCaller implements OnApplicationShutdown {
  constructor() {
    super({ timeoutMs: 10_000, retries: 2, baseDelayMs: 200 });
  }
  onApplicationShutdown(): void {
    this.shutdown();
  }
}
