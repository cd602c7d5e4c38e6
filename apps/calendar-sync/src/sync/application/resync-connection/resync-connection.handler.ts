import { Inject, Injectable } from '@nestjs/common';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import { SyncTrigger } from '../../../shared/application/sync-trigger';
import {
  CONNECTIONS_REPOSITORY,
  type ConnectionsRepositoryPort,
} from '../../../connections/application/ports/connections.repository.port';
import { SYNC_REPOSITORY, type SyncRepositoryPort } from '../ports/sync.repository.port';

export type ResyncOutcome =
  { outcome: 'scheduled'; bookings: number } | { outcome: 'not-found' | 'not-active' };

/**
 * The operator's re-sync of one connection: every upcoming booking it holds is written again (writes
 * given up on included) and its calendar read back in full (the sync token dropped).
 */
@Injectable()
export class ResyncConnectionHandler {
  constructor(
    @Inject(CONNECTIONS_REPOSITORY) private readonly connections: ConnectionsRepositoryPort,
    @Inject(SYNC_REPOSITORY) private readonly sync: SyncRepositoryPort,
    @Inject(TRANSACTIONS) private readonly transactions: Transactions,
    private readonly trigger: SyncTrigger,
  ) {}

  async execute(tenantId: string, connectionId: string): Promise<ResyncOutcome> {
    const result = await this.transactions.run(async (tx): Promise<ResyncOutcome> => {
      const connection = await this.connections.find(tx, tenantId, connectionId);
      if (!connection) return { outcome: 'not-found' };
      if (connection.status !== 'active') return { outcome: 'not-active' };
      const bookings = await this.sync.linkUpcoming(tx, connection);
      await this.sync.forgetSyncToken(tx, connection.id);
      return { outcome: 'scheduled', bookings };
    });
    if (result.outcome === 'scheduled') {
      this.trigger.kick('write');
      this.trigger.kick('pull');
    }
    return result;
  }
}
