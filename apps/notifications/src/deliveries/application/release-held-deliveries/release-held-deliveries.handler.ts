import { Inject, Injectable } from '@nestjs/common';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import { sendStep } from '../delivery-events';
import { DELIVERIES_REPOSITORY, type DeliveriesRepositoryPort } from '../ports/deliveries.repository.port';

/** Deliveries released per transaction (a quiet hour's end may release a whole announcement). */
const BATCH = 200;

/**
 * Deliveries held for members' quiet hours whose hold has ended: each gets its send step, written in the
 * transaction that releases it (`FOR UPDATE SKIP LOCKED`, so replicas share the work and none twice).
 * Answers how many it released.
 */
@Injectable()
export class ReleaseHeldDeliveriesHandler {
  constructor(
    @Inject(TRANSACTIONS) private readonly transactions: Transactions,
    @Inject(DELIVERIES_REPOSITORY) private readonly deliveries: DeliveriesRepositoryPort,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
  ) {}

  async execute(): Promise<number> {
    let released = 0;
    for (;;) {
      const batch = await this.transactions.run(async (tx) => {
        const due = await this.deliveries.releaseHeld(tx, BATCH);
        if (due.length) {
          await this.outbox.publish(
            tx,
            due.map((d) => sendStep({ tenantId: d.tenantId }, d)),
          );
        }
        return due.length;
      });
      released += batch;
      if (batch < BATCH) return released;
    }
  }
}
