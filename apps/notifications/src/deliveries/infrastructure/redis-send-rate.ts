import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { createClient } from 'redis';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { NotificationsConfig } from '../../config/notifications.config';
import type { ProviderName } from '../../shared/domain/channels';
import type { SendRatePort } from '../application/ports/send-rate.port';

/**
 * The send rate per club and provider, counted in Redis by rate-limiter-flexible (one fixed one-second
 * window per club and provider, shared by every replica). A send that does not fit waits for the next
 * window. If Redis is unreachable each replica falls back to counting in its own memory (the library's
 * insurance limiter): sends go on at the rate per replica rather than stop.
 */
@Injectable()
export class RedisSendRate implements SendRatePort, OnApplicationShutdown {
  private readonly logger = new Logger('SendRate');
  private readonly client;
  private readonly limiters = new Map<ProviderName, RateLimiterRedis>();

  constructor(@Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig) {
    this.client = createClient({
      url: config.REDIS_URL,
      disableOfflineQueue: true,
      socket: { connectTimeout: 1_000, reconnectStrategy: (n) => Math.min(n * 200, 2_000) },
    });
    this.client.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    void this.client.connect().catch(() => undefined);
  }

  async acquire(tenantId: string, provider: ProviderName): Promise<void> {
    const limiter = this.limiterOf(provider);
    for (;;) {
      try {
        await limiter.consume(tenantId);
        return;
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        await sleep(Math.max(rejection.msBeforeNext, 5));
      }
    }
  }

  private limiterOf(provider: ProviderName): RateLimiterRedis {
    let limiter = this.limiters.get(provider);
    if (!limiter) {
      const points = this.config.PROVIDER_RATE_LIMITS[provider];
      limiter = new RateLimiterRedis({
        storeClient: this.client,
        useRedisPackage: true,
        keyPrefix: `notifications:send-rate:${provider}`,
        points,
        duration: 1,
        insuranceLimiter: new RateLimiterMemory({ points, duration: 1 }),
      });
      this.limiters.set(provider, limiter);
    }
    return limiter;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client.isOpen) await this.client.quit();
  }
}
