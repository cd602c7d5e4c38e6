import { Inject, Injectable, Logger } from '@nestjs/common';
import { CalendarConnectionDisconnectedV1 } from '@sportclub/contracts';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import { GOOGLE_GRANT, type GoogleGrantPort } from '../../../shared/application/ports/google.port';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import { ConnectionGrants } from '../connection-grants';
import { CONNECTIONS_REPOSITORY, type ConnectionsRepositoryPort } from '../ports/connections.repository.port';

/**
 * Ends a connection: its push channel is stopped and its grant revoked at Google (best effort — a
 * grant already revoked is fine — and not while another live connection uses the same Google account,
 * since Google revokes all of an account's tokens for the platform at once), then its tokens are erased and the end announced. The events already
 * written stay in the user's calendar. `memberId` limits the search to that member's own connection.
 */
@Injectable()
export class DisconnectHandler {
  private readonly logger = new Logger('Disconnect');

  constructor(
    @Inject(CONNECTIONS_REPOSITORY) private readonly connections: ConnectionsRepositoryPort,
    @Inject(GOOGLE_GRANT) private readonly grant: GoogleGrantPort,
    @Inject(TRANSACTIONS) private readonly transactions: Transactions,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
    private readonly grants: ConnectionGrants,
  ) {}

  async execute(
    tenantId: string,
    input: { connectionId: string; memberId?: string; requestedBy: string },
  ): Promise<'disconnected' | 'not-found'> {
    const connection = await this.transactions.run((tx) =>
      this.connections.find(tx, tenantId, input.connectionId),
    );
    if (!connection || (input.memberId !== undefined && connection.memberId !== input.memberId)) {
      return 'not-found';
    }
    if (connection.status === 'disconnected') return 'disconnected';
    // Google revokes a grant whole: every token of the account for the platform. Another connection of
    // the same Google account (the member in another club, staff's own and the club's) keeps working.
    const shared = await this.transactions.run((tx) => this.connections.accountShared(tx, connection.id));
    if (connection.status === 'active') {
      await this.grants
        .use(
          connection,
          async (session) => {
            if (connection.channel) await session.stopChannel(connection.channel);
            if (!shared) await this.grant.revoke(session.tokens);
          },
          { breakOnRefusal: false },
        )
        .catch((error: Error) => this.logger.warn(`revoking ${connection.id} at Google: ${error.message}`));
    }
    await this.transactions.run(async (tx) => {
      await this.connections.markDisconnected(tx, connection.id);
      await this.outbox.publish(
        tx,
        CalendarConnectionDisconnectedV1.envelope({
          source: 'calendar-sync',
          tenantId,
          subject: connection.id,
          data: {
            connectionId: connection.id,
            scope: connection.scope,
            ...(connection.memberId && { memberId: connection.memberId }),
            disconnectedBy: input.requestedBy,
          },
        }),
      );
    });
    return 'disconnected';
  }
}
