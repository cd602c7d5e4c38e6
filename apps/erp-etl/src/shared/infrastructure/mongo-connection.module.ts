import {
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import mongoose, { type Connection } from 'mongoose';
import { HealthService, type HealthIndicator } from '@sportclub/observability';
import { SERVICE_CONFIG } from '@sportclub/service-kit';
import type { ErpEtlConfig } from '../../config/erp-etl.config';

/** erp-etl's one mongoose connection (MONGO_URL), shared by the modules that keep documents. */
export const MONGO_CONNECTION = Symbol('MONGO_CONNECTION');

/**
 * Opens a connection and waits until the server answered. `autoIndex` is off: each model creates its
 * indexes once, at boot, with `Model.init()` (decision 0021: what both servers support).
 */
export async function openMongoConnection(url: string): Promise<Connection> {
  return mongoose
    .createConnection(url, { serverSelectionTimeoutMS: 10_000, autoIndex: false, autoCreate: true })
    .asPromise();
}

/** Readiness asks the server itself (`ping`), not the driver's idea of the connection. */
@Injectable()
export class MongoHealthIndicator implements HealthIndicator, OnModuleInit {
  readonly name = 'mongodb';

  constructor(
    @Inject(MONGO_CONNECTION) private readonly connection: Connection,
    private readonly health: HealthService,
  ) {}

  onModuleInit(): void {
    this.health.register(this);
  }

  async check() {
    const db = this.connection.db;
    if (!db) throw new Error('not connected');
    await db.command({ ping: 1 });
    return { database: this.connection.name };
  }
}

/** Closes the connection after the HTTP server and the transports have stopped. */
@Injectable()
class MongoConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(MONGO_CONNECTION) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: MONGO_CONNECTION,
      useFactory: (config: ErpEtlConfig) => openMongoConnection(config.MONGO_URL),
      inject: [SERVICE_CONFIG],
    },
    MongoHealthIndicator,
    MongoConnectionCloser,
  ],
  exports: [MONGO_CONNECTION],
})
export class MongoConnectionModule {}
