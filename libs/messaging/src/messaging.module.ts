import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { allTopicSpecs, commandQueue, type ServiceName } from '@sportclub/contracts';
import type { HealthIndicator } from '@sportclub/observability';
import { CommandHandlerRegistry } from './command-handlers';
import { KafkaConnection } from './kafka/kafka.connection';
import { RabbitConnection } from './rabbitmq/rabbitmq.connection';
import { COMMAND_PUBLISHER, EVENT_PUBLISHER } from './ports';

export interface MessagingOptions {
  service: ServiceName;
  kafkaBrokers: string[];
  rabbitUrl: string;
}

export class KafkaHealthIndicator implements HealthIndicator {
  readonly name = 'kafka';
  constructor(private readonly kafka: KafkaConnection) {}
  check() {
    return this.kafka.ping();
  }
}

export class RabbitHealthIndicator implements HealthIndicator {
  readonly name = 'rabbitmq';
  constructor(
    private readonly rabbit: RabbitConnection,
    private readonly queue: string,
  ) {}
  check() {
    return this.rabbit.probeQueue(this.queue);
  }
}

/**
 * Broker connections for one service: Kafka (topics provisioned from the contracts registry at start)
 * and RabbitMQ, exposed through the library's ports and with their readiness indicators, and the registry
 * of command handlers registered in code.
 */
@Global()
@Module({})
export class MessagingModule implements OnApplicationShutdown {
  constructor(private readonly refs: ModuleRef) {}

  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        {
          provide: KafkaConnection,
          useFactory: async () => {
            const kafka = new KafkaConnection({ brokers: options.kafkaBrokers, clientId: options.service });
            await kafka.ensureTopics(allTopicSpecs());
            return kafka;
          },
        },
        {
          provide: RabbitConnection,
          useFactory: async () => {
            const rabbit = new RabbitConnection({ url: options.rabbitUrl, connectionName: options.service });
            await rabbit.connect();
            return rabbit;
          },
        },
        { provide: CommandHandlerRegistry, useValue: new CommandHandlerRegistry() },
        { provide: EVENT_PUBLISHER, useExisting: KafkaConnection },
        { provide: COMMAND_PUBLISHER, useExisting: RabbitConnection },
        {
          provide: KafkaHealthIndicator,
          useFactory: (k: KafkaConnection) => new KafkaHealthIndicator(k),
          inject: [KafkaConnection],
        },
        {
          provide: RabbitHealthIndicator,
          useFactory: (r: RabbitConnection) => new RabbitHealthIndicator(r, commandQueue(options.service)),
          inject: [RabbitConnection],
        },
      ],
      exports: [
        CommandHandlerRegistry,
        KafkaConnection,
        RabbitConnection,
        EVENT_PUBLISHER,
        COMMAND_PUBLISHER,
        KafkaHealthIndicator,
        RabbitHealthIndicator,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([
      this.refs.get(KafkaConnection, { strict: false }).close(),
      this.refs.get(RabbitConnection, { strict: false }).close(),
    ]);
  }
}
