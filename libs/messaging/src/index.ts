export * from './ports';
export { KafkaConnection, type KafkaSettings } from './kafka/kafka.connection';
export { KafkaEventServer, KafkaEventContext, KAFKA_TRANSPORT } from './kafka/kafka-event.server';
export { RabbitConnection, type RabbitSettings } from './rabbitmq/rabbitmq.connection';
export {
  RabbitCommandServer,
  RabbitCommandContext,
  RABBIT_TRANSPORT,
  assertCommandTopology,
} from './rabbitmq/rabbitmq-command.server';
export {
  MessagingModule,
  KafkaHealthIndicator,
  RabbitHealthIndicator,
  type MessagingOptions,
} from './messaging.module';
