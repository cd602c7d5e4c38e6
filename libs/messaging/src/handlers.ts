import { EventPattern, MessagePattern } from '@nestjs/microservices';
import type { MessageDefinition } from '@sportclub/contracts';

export const KAFKA_TRANSPORT = Symbol('kafka-events');
export const RABBIT_TRANSPORT = Symbol('rabbitmq-commands');

/**
 * Declares a handler for a domain event. The service's Kafka consumer subscribes to the event's topic;
 * the method receives `(envelope, ctx: MessageContext)` inside the inbox transaction.
 */
export const OnEvent = (definition: MessageDefinition<never> | MessageDefinition): MethodDecorator => {
  if (definition.kind !== 'event') throw new Error(`${definition.type} is not an event`);
  return EventPattern(definition.type, KAFKA_TRANSPORT);
};

/**
 * Declares a handler for a command (or a reply arriving on the service's queue). A command handler may
 * return the reply envelope: it is written to the outbox in the same transaction, addressed to the
 * sender's reply queue.
 */
export const OnCommand = (definition: MessageDefinition<never> | MessageDefinition): MethodDecorator => {
  if (definition.kind === 'event') throw new Error(`${definition.type} is an event: use @OnEvent`);
  return MessagePattern(definition.type, RABBIT_TRANSPORT);
};
