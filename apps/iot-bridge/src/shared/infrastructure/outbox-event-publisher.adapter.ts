import type { Envelope } from '@sportclub/contracts';
import type { Outbox } from '@sportclub/outbox';
import type { EventPublisher } from '../application/ports/event-publisher.port';
import type { Transaction } from '@sportclub/service-kit';

/** Events as outbox rows of the use case's transaction; the relay takes them to Kafka after commit. */
export class OutboxEventPublisher implements EventPublisher {
  constructor(private readonly outbox: Outbox) {}

  publish(tx: Transaction, event: Envelope): Promise<void> {
    return this.outbox.publish(tx, event);
  }
}
