/**
 * The platform's own broker interfaces. Services and libraries depend on these, never on kafkajs or
 * amqplib types, so either broker client can be swapped (kafkajs is in maintenance mode). They live with
 * the contracts so the outbox relay and the messaging transports share them without depending on each other.
 */
export type MessageHeaders = Record<string, string>;

export interface OutgoingEvent {
  /** Aggregate id: Kafka orders messages per key. */
  key: string;
  value: Buffer | string;
  headers?: MessageHeaders;
}

/** Publishes domain events to a topic; resolves only once the broker acknowledged every message. */
export interface EventPublisher {
  publish(topic: string, events: OutgoingEvent[]): Promise<void>;
}

export interface OutgoingCommand {
  /** Defaults to the command exchange; '' (the default exchange) addresses a queue by name, as replies do. */
  exchange?: string;
  routingKey: string;
  body: Buffer | string;
  messageId: string;
  headers?: MessageHeaders;
  correlationId?: string;
  replyTo?: string;
}

/** Sends commands to their owning service's queue; resolves only once the broker confirmed them. */
export interface CommandPublisher {
  send(command: OutgoingCommand): Promise<void>;
}

/** Injection tokens for the ports above. */
export const EVENT_PUBLISHER = Symbol('EVENT_PUBLISHER');
export const COMMAND_PUBLISHER = Symbol('COMMAND_PUBLISHER');
