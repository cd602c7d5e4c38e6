import { Inject, Injectable } from '@nestjs/common';
import { TRANSACTIONS, type Transaction, type Transactions } from '@sportclub/service-kit';
import {
  STREAMS_REPOSITORY,
  type SessionFact,
  type StreamsRepositoryPort,
} from '../ports/streams.repository.port';

/**
 * Records a session's start or end on its court (in the inbox's transaction) and wakes the worker once
 * it commits: the court's streams are brought in line right away, never inside the event's handling.
 */
@Injectable()
export class RecordSessionHandler {
  private readonly wake: (() => void)[] = [];

  constructor(
    @Inject(STREAMS_REPOSITORY) private readonly streams: StreamsRepositoryPort,
    @Inject(TRANSACTIONS) private readonly tx: Transactions,
  ) {}

  /** Called after each commit that made a court due. */
  onRecorded(listener: () => void): void {
    this.wake.push(listener);
  }

  async execute(tx: Transaction, fact: SessionFact): Promise<void> {
    await this.streams.recordSession(tx, fact);
    this.tx.afterCommit(tx, () => this.wake.forEach((listener) => listener()));
  }
}
