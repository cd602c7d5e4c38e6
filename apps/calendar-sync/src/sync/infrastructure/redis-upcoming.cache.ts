import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createClient } from 'redis';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { CalendarSyncConfig } from '../../config/calendar-sync.config';
import type { UpcomingCachePort, UpcomingRead } from '../application/ports/upcoming-cache.port';

/** Seed 002: reads are cached for 300 s. */
const TTL_SECONDS = 300;
const key = (connectionId: string) => `calendar-sync:upcoming:${connectionId}`;

/**
 * The upcoming-events cache in Redis (shared by every replica). Redis unreachable is a miss, never an
 * error: the read goes to Google. A drop that cannot reach Redis is logged; the entry ends with its TTL.
 */
@Injectable()
export class RedisUpcomingCache implements UpcomingCachePort, OnApplicationShutdown {
  private readonly logger = new Logger('UpcomingCache');
  private readonly client;

  constructor(@Inject(SERVICE_CONFIG) config: CalendarSyncConfig) {
    this.client = createClient({
      url: config.REDIS_URL,
      disableOfflineQueue: true,
      socket: { connectTimeout: 1_000, reconnectStrategy: (n) => Math.min(n * 200, 2_000) },
    });
    this.client.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    void this.client.connect().catch(() => undefined);
  }

  async get(connectionId: string): Promise<UpcomingRead | undefined> {
    try {
      const value = await this.client.get(key(connectionId));
      return value ? (JSON.parse(value) as UpcomingRead) : undefined;
    } catch {
      return undefined;
    }
  }

  async set(connectionId: string, read: UpcomingRead): Promise<void> {
    await this.client
      .set(key(connectionId), JSON.stringify(read), { EX: TTL_SECONDS })
      .catch(() => undefined);
  }

  async drop(connectionId: string): Promise<void> {
    await this.client
      .del(key(connectionId))
      .catch((error: Error) => this.logger.warn(`dropping ${connectionId}: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client.isOpen) await this.client.quit().catch(() => undefined);
  }
}
