import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CalendarConnectionConnectedV1 } from '@sportclub/contracts';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import {
  GOOGLE_CALENDAR,
  GOOGLE_GRANT,
  type GoogleCalendarPort,
  type GoogleGrantPort,
} from '../../../shared/application/ports/google.port';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import { SyncTrigger } from '../../../shared/application/sync-trigger';
import { ConnectionGrants } from '../connection-grants';
import { CONNECTIONS_REPOSITORY, type ConnectionsRepositoryPort } from '../ports/connections.repository.port';
import { stateHash } from '../start-connection/start-connection.handler';

/** Why a return from Google connected nothing (shown to the user on the callback page). */
export class ConsentRefusedError extends Error {}

/** The time zone the club's own calendar is created in when no booking says otherwise (seed 002). */
const CLUB_CALENDAR_ZONE = 'America/Sao_Paulo';

/**
 * Google sent the user back: the `state` is consumed (unknown, expired or already used → refused), the
 * code traded for tokens, the calendar chosen (the member's primary calendar; a calendar of its own for
 * the club), and the connection saved — a reconnect replaces the tokens of the owner's live connection
 * and keeps its events. The first sync runs at once.
 */
@Injectable()
export class CompleteConnectionHandler {
  constructor(
    @Inject(CONNECTIONS_REPOSITORY) private readonly connections: ConnectionsRepositoryPort,
    @Inject(GOOGLE_GRANT) private readonly grant: GoogleGrantPort,
    @Inject(GOOGLE_CALENDAR) private readonly google: GoogleCalendarPort,
    @Inject(TRANSACTIONS) private readonly transactions: Transactions,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
    private readonly grants: ConnectionGrants,
    private readonly trigger: SyncTrigger,
  ) {}

  async execute(input: { state: string; code?: string; error?: string }): Promise<{ connectionId: string }> {
    const consent = await this.transactions.run((tx) =>
      this.connections.consumeState(tx, stateHash(input.state)),
    );
    if (!consent) throw new ConsentRefusedError('this sign-in link is unknown, expired or already used');
    if (input.error || !input.code) {
      throw new ConsentRefusedError(`Google did not grant access (${input.error ?? 'no code'})`);
    }
    const tokens = await this.grant.exchangeCode(input.code);
    const session = this.google.session(consent.tenantId, tokens);
    const accountEmail = await session.primaryCalendarId();
    const existing = await this.transactions.run((tx) => this.connections.findLive(tx, consent));
    const calendarId =
      consent.scope === 'member'
        ? 'primary'
        : await session.clubCalendar(
            `Court bookings — ${consent.tenantId}`,
            CLUB_CALENDAR_ZONE,
            existing?.calendarId,
          );
    const connectionId = await this.transactions.run(async (tx) => {
      const live = await this.connections.findLive(tx, consent);
      const id = live?.id ?? randomUUID();
      const connection = { ...consent, id, calendarId, accountEmail, createdBy: consent.requestedBy };
      await this.connections.connect(tx, connection, this.grants.seal(connection, session.tokens));
      await this.outbox.publish(
        tx,
        CalendarConnectionConnectedV1.envelope({
          source: 'calendar-sync',
          tenantId: consent.tenantId,
          subject: id,
          data: {
            connectionId: id,
            scope: consent.scope,
            ...(consent.memberId && { memberId: consent.memberId }),
            calendarId,
            accountEmail,
            connectedBy: consent.requestedBy,
          },
        }),
      );
      return id;
    });
    this.trigger.kick('pull');
    return { connectionId };
  }
}
