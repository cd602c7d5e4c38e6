import type { ServiceName } from './topics';

/**
 * RabbitMQ command routing: one topic exchange, routing key `<service>.<command>`, one durable quorum
 * queue per service, and a dead-letter queue it overflows into after a bounded number of deliveries.
 */
export const COMMAND_EXCHANGE = 'commands';
export const COMMAND_DLX = 'commands.dlx';
export const MAX_COMMAND_DELIVERIES = 5;

export const commandQueue = (service: ServiceName): string => `${service}.commands`;
export const commandDeadLetterQueue = (service: ServiceName): string => `${service}.commands.dlq`;
export const commandRoutingKey = (service: ServiceName, command: string): string => `${service}.${command}`;
