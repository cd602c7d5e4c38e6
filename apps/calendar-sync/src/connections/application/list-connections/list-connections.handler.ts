import { Inject, Injectable } from '@nestjs/common';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import type { Connection } from '../../domain/connection';
import { CONNECTIONS_REPOSITORY, type ConnectionsRepositoryPort } from '../ports/connections.repository.port';

/** The club's connections (newest first), or one member's. */
@Injectable()
export class ListConnectionsHandler {
  constructor(
    @Inject(CONNECTIONS_REPOSITORY) private readonly connections: ConnectionsRepositoryPort,
    @Inject(TRANSACTIONS) private readonly transactions: Transactions,
  ) {}

  execute(tenantId: string, memberId?: string): Promise<Connection[]> {
    return this.transactions.run((tx) => this.connections.list(tx, tenantId, memberId));
  }
}
