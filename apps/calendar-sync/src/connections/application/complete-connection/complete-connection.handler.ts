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
import { secretHash } from '../../../shared/domain/secrets';

/** Why a consent connected nothing (answered to the app as 400 `consent_refused` with this reason). */
export class ConsentRefusedError extends Error {}

/** PostgreSQL's unique_violation: another live connection of the owner was saved meanwhile. */
const UNIQUE_VIOLATION = '23505';

/** The time zone the club's own calendar is created in when no booking says otherwise (seed 002). */
const CLUB_CALENDAR_ZONE = 'America/Sao_Paulo';

/**
 * The app hands back what Google sent the user's browser. The `state` is consumed (unknown, expired or
 * already used → refused) and must be the caller's own — the user who started the consent, in their
 * club: a consent link passed to someone else connects nothing (their Google account to another's
 * platform account is the attack), and is used up by the attempt. Then the code is traded for tokens
 * (with write access, or refused), the calendar chosen (the member's primary calendar; a calendar of
 * its own for the club) and the connection saved — a reconnect, or a second consent finished at the
 * same time, replaces the tokens of the owner's live connection and keeps its events. The first sync
 * runs at once.
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

  async execute(
    tenantId: string,
    input: { state: string; code?: string; error?: string; completedBy: string },
  ): Promise<{ connectionId: string }> {
    const consent = await this.transactions.run((tx) =>
      this.connections.consumeState(tx, secretHash(input.state)),
    );
    if (!consent) throw new ConsentRefusedError('this sign-in is unknown, expired or already used');
    if (consent.tenantId !== tenantId || consent.requestedBy !== input.completedBy) {
      throw new ConsentRefusedError('this sign-in was started by someone else');
    }
    if (input.error || !input.code) {
      throw new ConsentRefusedError(`Google did not grant access (${input.error ?? 'no code'})`);
    }
    const tokens = await this.grant.exchangeCode(input.code, consent.scope);
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
    const save = () =>
      this.transactions.run(async (tx) => {
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
    // Two consents of one owner finished at once: the loser of the insert finds the winner's row.
    const connectionId = await save().catch((error: { code?: string; driverError?: { code?: string } }) => {
      if ((error.driverError?.code ?? error.code) !== UNIQUE_VIOLATION) throw error;
      return save();
    });
    this.trigger.kick('pull');
    return { connectionId };
  }
}
