import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { backoff } from '@sportclub/resilience';
import type { Provider } from './payment-gateway.port';
import { TopUpService } from './top-up.service';

/** After this many tries an event whose payment is still unknown (or unreachable) is set aside, logged. */
const MAX_ATTEMPTS = 12;

interface StoredEvent {
  provider: Provider;
  event_id: string;
  provider_ref: string;
  attempts: number;
}

/**
 * Works off the stored provider events: for each, fetches the payment from its provider and reconciles
 * it, then marks the event processed — one transaction per event, claimed with SKIP LOCKED so replicas
 * share the work. Woken by each new webhook, and every second for retries.
 */
@Injectable()
export class ProviderEventProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ProviderEvents');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;

  constructor(
    private readonly db: DataSource,
    private readonly topUps: TopUpService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), 1_000);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Processes what is due now; a kick during a pass makes one more pass. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: Error) => this.logger.error(`provider events: ${error.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again && this.timer) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async drain(): Promise<void> {
    while (await this.processOne()) {
      /* next */
    }
  }

  /** True when an event was claimed (processed or rescheduled). */
  async processOne(): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const [e] = await m.query<StoredEvent[]>(
        `SELECT provider, event_id, provider_ref, attempts FROM provider_event
         WHERE processed_at IS NULL AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!e) return false;
      let error: string;
      try {
        const tenant = await this.topUps.tenantOf(m, e.provider, e.provider_ref);
        if (tenant) {
          const observed = await this.topUps.gateway(e.provider).fetch(tenant, e.provider_ref);
          const outcome = await this.topUps.reconcile(m, e.provider, e.provider_ref, observed);
          await m.query(
            `UPDATE provider_event SET processed_at = now(), attempts = attempts + 1, last_error = NULL
             WHERE provider = $1 AND event_id = $2`,
            [e.provider, e.event_id],
          );
          this.logger.debug(`${e.provider} event ${e.event_id} for ${e.provider_ref}: ${outcome}`);
          return true;
        }
        error = `no payment with ${e.provider} reference ${e.provider_ref} (yet)`;
      } catch (failure) {
        error = (failure as Error).message.slice(0, 500);
      }
      const attempts = e.attempts + 1;
      const giveUp = attempts >= MAX_ATTEMPTS;
      if (giveUp)
        this.logger.error(`${e.provider} event ${e.event_id} set aside after ${attempts} attempts: ${error}`);
      const retryInMs = backoff(attempts, { baseMs: 200, maxMs: 60_000, jitter: 'equal' });
      await m.query(
        `UPDATE provider_event SET attempts = $3, last_error = $4,
           next_attempt_at = now() + make_interval(secs => $5), processed_at = CASE WHEN $6 THEN now() END
         WHERE provider = $1 AND event_id = $2`,
        [e.provider, e.event_id, attempts, error, retryInMs / 1000, giveUp],
      );
      return true;
    });
  }
}
