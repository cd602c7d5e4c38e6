import { Inject, Injectable, Logger } from '@nestjs/common';
import { CalendarConnectionBrokenV1 } from '@sportclub/contracts';
import {
  SealedUnreadableError,
  TRANSACTIONS,
  type AesGcmSealer,
  type Sealed,
  type Transaction,
  type Transactions,
} from '@sportclub/service-kit';
import { OUTBOX, type OutboxPort } from '../../shared/application/ports/outbox.port';
import {
  GOOGLE_CALENDAR,
  GrantRevokedError,
  type CalendarSession,
  type GoogleCalendarPort,
  type GoogleTokens,
} from '../../shared/application/ports/google.port';
import { tokenBinding, type Connection } from '../domain/connection';
import { CONNECTIONS_REPOSITORY, type ConnectionsRepositoryPort } from './ports/connections.repository.port';

export const TOKEN_SEALER = Symbol('TOKEN_SEALER');

/**
 * A connection's Google grant: its tokens sealed at rest (AES-256-GCM, bound to the connection), opened
 * only for the calls that need them. A refreshed access token is sealed again; a grant Google refuses
 * (revoked, expired) — or tokens no key here opens — marks the connection broken and announces it
 * (`calendar.connection.broken.v1`), so the owner is told to connect again.
 */
@Injectable()
export class ConnectionGrants {
  private readonly logger = new Logger('ConnectionGrants');

  constructor(
    @Inject(TOKEN_SEALER) private readonly sealer: AesGcmSealer,
    @Inject(GOOGLE_CALENDAR) private readonly google: GoogleCalendarPort,
    @Inject(CONNECTIONS_REPOSITORY) private readonly connections: ConnectionsRepositoryPort,
    @Inject(TRANSACTIONS) private readonly transactions: Transactions,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
  ) {}

  seal(connection: Pick<Connection, 'tenantId' | 'id'>, tokens: GoogleTokens): Sealed {
    return this.sealer.seal(Buffer.from(JSON.stringify(tokens)), tokenBinding(connection));
  }

  /**
   * Runs `work` with a Calendar session on the connection's grant. Throws GrantRevokedError (after
   * breaking the connection) when Google refuses the grant.
   */
  async use<T>(
    connection: Connection,
    work: (session: CalendarSession) => Promise<T>,
    options: { breakOnRefusal?: boolean } = {},
  ): Promise<T> {
    const breakOnRefusal = options.breakOnRefusal ?? true;
    const sealed = connection.tokens;
    let tokens: GoogleTokens;
    try {
      if (!sealed) throw new SealedUnreadableError('the connection holds no tokens');
      tokens = JSON.parse(this.sealer.open(sealed, tokenBinding(connection)).toString()) as GoogleTokens;
    } catch (error) {
      if (!(error instanceof SealedUnreadableError)) throw error;
      const refused = new GrantRevokedError(`stored tokens unreadable: ${error.message}`);
      if (breakOnRefusal) await this.breakConnection(connection, refused.reason);
      throw refused;
    }
    const session = this.google.session(connection.tenantId, tokens);
    try {
      return await work(session);
    } catch (error) {
      if (error instanceof GrantRevokedError && breakOnRefusal) {
        await this.breakConnection(connection, error.reason);
      }
      throw error;
    } finally {
      const now = session.tokens;
      if (now.accessToken !== tokens.accessToken && sealed) {
        // A refresh happened: keep the new access token (and a rotated refresh token, if Google sent one).
        await this.transactions
          .run((tx) => this.connections.saveTokens(tx, connection.id, sealed, this.seal(connection, now)))
          .catch((error: Error) => this.logger.warn(`keeping refreshed tokens: ${error.message}`));
      }
    }
  }

  /** Marks the connection broken and announces it, once. */
  async breakConnection(connection: Connection, reason: string, tx?: Transaction): Promise<void> {
    const work = async (t: Transaction) => {
      if (!(await this.connections.markBroken(t, connection.id, reason))) return;
      await this.outbox.publish(
        t,
        CalendarConnectionBrokenV1.envelope({
          source: 'calendar-sync',
          tenantId: connection.tenantId,
          subject: connection.id,
          data: {
            connectionId: connection.id,
            scope: connection.scope,
            ...(connection.memberId && { memberId: connection.memberId }),
            reason: reason.slice(0, 500),
          },
        }),
      );
    };
    await (tx ? work(tx) : this.transactions.run(work));
  }
}
