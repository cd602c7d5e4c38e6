import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { AccessGatewayConfig } from '../config/access-gateway.config';
import { RATE_LIMITS, RATE_LIMIT_STORE, RateLimitGuard } from './rate-limit.guard';
import { RedisRateLimitStore } from './redis-rate-limit.store';

@Injectable()
class StoreCloser implements OnApplicationShutdown {
  constructor(@Inject(RATE_LIMIT_STORE) private readonly store: RedisRateLimitStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: RATE_LIMIT_STORE,
      useFactory: (c: AccessGatewayConfig) => new RedisRateLimitStore(c.REDIS_URL),
      inject: [SERVICE_CONFIG],
    },
    {
      provide: RATE_LIMITS,
      useFactory: (c: AccessGatewayConfig) => ({
        keyPrefix: c.RATE_LIMIT_KEY_PREFIX,
        perMember: c.RATE_LIMIT_PER_MEMBER,
        perTenant: c.RATE_LIMIT_PER_TENANT,
        windowSec: c.RATE_LIMIT_WINDOW_SEC,
      }),
      inject: [SERVICE_CONFIG],
    },
    RateLimitGuard,
    StoreCloser,
  ],
  exports: [RATE_LIMIT_STORE, RATE_LIMITS, RateLimitGuard],
})
export class RateLimitModule {}
