export * from './ports';
export { KafkaConnection, type KafkaSettings } from './kafka/kafka.connection';
export { KafkaEventServer, decodeHeaders, type KafkaConsumerOptions } from './kafka/kafka-event.server';
export { RabbitConnection, type RabbitSettings } from './rabbitmq/rabbitmq.connection';
export {
  RabbitCommandServer,
  assertCommandTopology,
  type RabbitConsumerOptions,
} from './rabbitmq/rabbitmq-command.server';
export { CommandClient, RequestTimeoutError } from './rabbitmq/command.client';
export {
  CommandHandlerRegistry,
  type CommandHandlerFn,
  type RegisteredCommandHandler,
} from './command-handlers';
export { OnEvent, OnCommand, KAFKA_TRANSPORT, RABBIT_TRANSPORT, type OnCommandOptions } from './handlers';
export { MessageContext, handleOnce } from './inbox/message-handling';
export { CreateInbox1764400000050 } from './inbox/inbox.migration';
export { DEAD_LETTER } from './dead-letter';
export {
  MessagingModule,
  KafkaHealthIndicator,
  RabbitHealthIndicator,
  type MessagingOptions,
} from './messaging.module';
export { DeadLetterAdmin, type DeadLetter, type DeadLetterScope } from './ops/dead-letter.admin';
