import { Inject, Injectable } from '@nestjs/common';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import { ConnectionGrants } from '../../../connections/application/connection-grants';
import {
  CONNECTIONS_REPOSITORY,
  type ConnectionsRepositoryPort,
} from '../../../connections/application/ports/connections.repository.port';
import { UPCOMING_CACHE, type UpcomingCachePort, type UpcomingRead } from '../ports/upcoming-cache.port';

/** Events listed for the owner. */
const MAX_EVENTS = 50;

export type UpcomingOutcome =
  | ({ outcome: 'listed' } & UpcomingRead)
  | { outcome: 'not-found' | 'not-active' }
  | { outcome: 'unavailable'; reason: string };

/**
 * A connection's next events in Google, as its owner sees them there: from the cache when read in the
 * last 300 s and nothing changed since, else from Google (then cached). `memberId` limits the search
 * to that member's own connection.
 */
@Injectable()
export class ListUpcomingEventsHandler {
  constructor(
    @Inject(CONNECTIONS_REPOSITORY) private readonly connections: ConnectionsRepositoryPort,
    @Inject(UPCOMING_CACHE) private readonly cache: UpcomingCachePort,
    @Inject(TRANSACTIONS) private readonly transactions: Transactions,
    private readonly grants: ConnectionGrants,
  ) {}

  async execute(tenantId: string, connectionId: string, memberId?: string): Promise<UpcomingOutcome> {
    const connection = await this.transactions.run((tx) => this.connections.find(tx, tenantId, connectionId));
    if (!connection || (memberId !== undefined && connection.memberId !== memberId)) {
      return { outcome: 'not-found' };
    }
    if (connection.status !== 'active') return { outcome: 'not-active' };
    const cached = await this.cache.get(connection.id);
    if (cached) return { outcome: 'listed', ...cached };
    try {
      const events = await this.grants.use(connection, (s) => s.upcoming(connection.calendarId, MAX_EVENTS));
      const read = { events, readAt: new Date().toISOString() };
      await this.cache.set(connection.id, read);
      return { outcome: 'listed', ...read };
    } catch (error) {
      return { outcome: 'unavailable', reason: (error as Error).message.slice(0, 500) };
    }
  }
}
