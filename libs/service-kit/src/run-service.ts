import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Module, type INestApplication, type Type } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import type { z } from 'zod';
import { DataSource } from 'typeorm';
import { messageRegistry, type ServiceName } from '@sportclub/contracts';
import {
  CommandHandlerRegistry,
  KafkaConnection,
  KafkaEventServer,
  RabbitCommandServer,
  RabbitConnection,
} from '@sportclub/messaging';
import { Outbox, OutboxRelay } from '@sportclub/outbox';
import { ConfigError, loadConfig, type HttpConfig, type ServiceConfig } from './config';
import {
  PLATFORM_MIGRATIONS,
  SERVICE_CONFIG,
  ServiceKitModule,
  type ServiceKitOptions,
} from './service-kit.module';
import { createDataSource, runMigrations, type MigrationClass } from './database';
import { ErrorShapeFilter } from './error-shape.filter';
import { strictRequests, type StrictRequestOptions } from './strict-requests';

/** The largest JSON body a platform service takes; larger answers 413. */
export const JSON_BODY_LIMIT = '1mb';

interface CommonOptions {
  name: ServiceName;
  /** The service's own feature modules. */
  features: Type<unknown>[];
  /** Last touches on the app before it starts (e.g. serving its OpenAPI document). */
  configure?: (app: INestApplication) => void;
  /**
   * Platform services refuse repeated single-valued headers (400) and non-JSON bodies (415) before any
   * route runs; `formPaths` names the routes a vendor posts forms to. The partner sandbox, which speaks
   * the vendors' own form APIs, turns it off.
   */
  strictRequests?: StrictRequestOptions | false;
}

export type RunServiceOptions = CommonOptions &
  (
    | { configSchema: z.ZodType<ServiceConfig>; migrations: MigrationClass[]; infrastructure?: true }
    | { configSchema: z.ZodType<HttpConfig>; infrastructure: false }
  );

/**
 * Boots a service as a hybrid NestJS app: HTTP plus, for platform services, its RabbitMQ command queue
 * and its Kafka consumer group. `node main.js migrate` applies pending migrations and exits (what an
 * init container or a deploy step runs). SIGTERM closes transports, connections and the server in order.
 */
export async function runService(options: RunServiceOptions, argv = process.argv.slice(2)): Promise<void> {
  try {
    if (argv[0] === 'migrate') return await migrateOnly(options);
    const app = await createServiceApp(options);
    const config = app.get<HttpConfig>(SERVICE_CONFIG);
    await app.listen(config.PORT, config.HOST);
    app.get(Logger).log(`${options.name} ready on http://${config.HOST}:${config.PORT}`, 'Bootstrap');
  } catch (error) {
    process.stderr.write(
      `${options.name} failed to start: ${error instanceof ConfigError ? error.message : (error as Error).stack}\n`,
    );
    process.exit(1);
  }
}

/** Builds and starts the app without listening on HTTP — what e2e tests and `runService` share. */
export async function createServiceApp(options: RunServiceOptions): Promise<INestApplication> {
  const kit: ServiceKitOptions =
    options.infrastructure === false
      ? { name: options.name, config: loadConfig(options.configSchema), infrastructure: false }
      : {
          name: options.name,
          config: loadConfig(options.configSchema),
          migrations: options.migrations,
          infrastructure: true,
        };

  @Module({ imports: [ServiceKitModule.forRoot(kit), ...options.features] })
  class ServiceRootModule {}

  // rawBody: webhook signatures are computed over the exact bytes received.
  const app = await NestFactory.create(ServiceRootModule, { bufferLogs: true, rawBody: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  // Room for a 500-member import; the raw body stays available for webhook signatures.
  (app as NestExpressApplication).useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.useGlobalFilters(new ErrorShapeFilter());
  if (options.strictRequests !== false) app.use(strictRequests(options.strictRequests));
  options.configure?.(app);
  if (kit.infrastructure) {
    const [dataSource, outbox] = [app.get(DataSource), app.get(Outbox)];
    app.connectMicroservice(
      {
        strategy: new RabbitCommandServer(
          app.get(RabbitConnection),
          dataSource,
          outbox,
          messageRegistry,
          options.name,
          { handlers: app.get(CommandHandlerRegistry), relay: app.get(OutboxRelay) },
        ),
      },
      { inheritAppConfig: true },
    );
    app.connectMicroservice(
      {
        strategy: new KafkaEventServer(
          app.get(KafkaConnection),
          dataSource,
          outbox,
          messageRegistry,
          options.name,
        ),
      },
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
  }
  return app;
}

async function migrateOnly(options: RunServiceOptions): Promise<void> {
  if (options.infrastructure === false) return;
  const config = loadConfig(options.configSchema);
  const dataSource = await createDataSource(
    config.DATABASE_URL,
    [...PLATFORM_MIGRATIONS, ...options.migrations],
    options.name,
  ).initialize();
  try {
    const applied = await runMigrations(dataSource);
    process.stdout.write(
      `${options.name}: ${applied.length} migration(s) applied${applied.length ? `: ${applied.join(', ')}` : ''}\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}
