import {
  Global,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import type { ServiceName } from '@sportclub/contracts';
import { KafkaHealthIndicator, MessagingModule, RabbitHealthIndicator } from '@sportclub/messaging';
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
            const dataSource = await createDataSource(config.DATABASE_URL, migrations, name).initialize();
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
      exports: options.infrastructure ? [SERVICE_CONFIG, DataSource] : [SERVICE_CONFIG],
    };
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
