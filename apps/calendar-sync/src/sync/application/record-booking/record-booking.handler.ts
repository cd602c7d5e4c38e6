import { Inject, Injectable } from '@nestjs/common';
import { TRANSACTIONS, type Transaction, type Transactions } from '@sportclub/service-kit';
import { SyncTrigger } from '../../../shared/application/sync-trigger';
import type { Booking } from '../../domain/booking';
import { SYNC_REPOSITORY, type SyncRepositoryPort } from '../ports/sync.repository.port';

/**
 * A booking was created, moved or cancelled (access-gateway's event, in its inbox transaction): kept if
 * newer than the one held — a replayed or late older version changes nothing — and its event made due
 * in every connected calendar that holds it. The write starts once the transaction commits.
 */
@Injectable()
export class RecordBookingHandler {
  constructor(
    @Inject(SYNC_REPOSITORY) private readonly sync: SyncRepositoryPort,
    @Inject(TRANSACTIONS) private readonly transactions: Transactions,
    private readonly trigger: SyncTrigger,
  ) {}

  async execute(tx: Transaction, booking: Booking): Promise<void> {
    if (!(await this.sync.recordBooking(tx, booking))) return;
    if ((await this.sync.linkBooking(tx, booking)) > 0) {
      this.transactions.afterCommit(tx, () => this.trigger.kick('write'));
    }
  }
}
