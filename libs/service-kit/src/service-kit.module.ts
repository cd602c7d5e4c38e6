import {
  Global,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { messageRegistry, type ServiceName } from '@sportclub/contracts';
import {
  CommandClient,
  CreateInbox1764400000050,
  KafkaConnection,
  KafkaHealthIndicator,
  MessagingModule,
  RabbitConnection,
  RabbitHealthIndicator,
} from '@sportclub/messaging';
import { OUTBOX_MIGRATIONS, Outbox, OutboxRelay } from '@sportclub/outbox';
import {
  HEALTH_INDICATORS,
  HealthController,
  HealthService,
  MetricsController,
  loggerParams,
  type HealthIndicator,
} from '@sportclub/observability';
import type { HttpConfig, ServiceConfig } from './config';
import { DatabaseHealthIndicator, createDataSource, runMigrations, type MigrationClass } from './database';
import { TRANSACTIONS, TypeOrmTransactions } from './transactions';

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

export type ServiceKitOptions =
  | { name: ServiceName; config: ServiceConfig; migrations: MigrationClass[]; infrastructure: true }
  | { name: ServiceName; config: HttpConfig; infrastructure: false };

/**
 * Everything a service has before any business code: validated config, JSON logs, /metrics,
 * /health/live and /health/ready over its real dependencies, its database (migrated) and its brokers.
 */
@Global()
@Module({})
export class ServiceKitModule {
  static forRoot(options: ServiceKitOptions): DynamicModule {
    const providers: Provider[] = [{ provide: SERVICE_CONFIG, useValue: options.config }, HealthService];
    const imports: DynamicModule[] = [
      LoggerModule.forRoot(loggerParams(options.name, options.config.LOG_LEVEL)),
    ];
    const indicators: Provider[] = [];

    if (options.infrastructure) {
      const { config, migrations, name } = options;
      imports.push(
        MessagingModule.forRoot({
          service: name,
          kafkaBrokers: config.KAFKA_BROKERS,
          rabbitUrl: config.RABBITMQ_URL,
        }),
      );
      providers.push(
        {
          provide: DataSource,
          useFactory: async () => {
            const dataSource = await createDataSource(
              config.DATABASE_URL,
              [...PLATFORM_MIGRATIONS, ...migrations],
              name,
            ).initialize();
            if (config.DB_MIGRATE_ON_BOOT) await runMigrations(dataSource);
            return dataSource;
          },
        },
        {
          provide: DatabaseHealthIndicator,
          useFactory: (ds: DataSource) => new DatabaseHealthIndicator(ds),
          inject: [DataSource],
        },
        DataSourceCloser,
        { provide: TRANSACTIONS, useClass: TypeOrmTransactions },
        { provide: Outbox, useValue: new Outbox(messageRegistry) },
        {
          provide: OutboxRelay,
          // Rows leave right after their transaction commits; the relay's sweep finds the rest.
          useFactory: (kafka: KafkaConnection, rabbit: RabbitConnection, ds: DataSource, outbox: Outbox) => {
            const logger = new Logger('OutboxRelay');
            const relay = new OutboxRelay(
              config.DATABASE_URL,
              { events: kafka, commands: rabbit },
              {
                onError: (error) => logger.warn(`outbox send failed, the sweep retries it: ${error.message}`),
              },
            );
            outbox.sendAfterCommit(ds, relay);
            return relay;
          },
          inject: [KafkaConnection, RabbitConnection, DataSource, Outbox],
        },
        {
          provide: CommandClient,
          useFactory: async (rabbit: RabbitConnection) => {
            const client = new CommandClient(rabbit, messageRegistry);
            await client.start();
            return client;
          },
          inject: [RabbitConnection],
        },
        OutboxRelayLifecycle,
      );
      indicators.push({
        provide: HEALTH_INDICATORS,
        useFactory: (...all: HealthIndicator[]) => all,
        inject: [DatabaseHealthIndicator, KafkaHealthIndicator, RabbitHealthIndicator],
      });
    } else {
      indicators.push({ provide: HEALTH_INDICATORS, useValue: [] });
    }

    return {
      module: ServiceKitModule,
      imports,
      controllers: [HealthController, MetricsController],
      providers: [...providers, ...indicators],
      exports: options.infrastructure
        ? [SERVICE_CONFIG, HealthService, DataSource, TRANSACTIONS, Outbox, OutboxRelay, CommandClient]
        : [SERVICE_CONFIG, HealthService],
    };
  }
}

/** The outbox and inbox tables every platform service has, before its own migrations. */
export const PLATFORM_MIGRATIONS = [...OUTBOX_MIGRATIONS, CreateInbox1764400000050];

/** Relays from boot; stops before the broker connections close so no round is cut in half. */
@Injectable()
class OutboxRelayLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(private readonly relay: OutboxRelay) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.close();
  }
}

/** Closes the database pool once the transports and the HTTP server have stopped. */
@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
