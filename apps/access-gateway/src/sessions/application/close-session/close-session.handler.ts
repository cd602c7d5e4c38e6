import { Inject, Injectable } from '@nestjs/common';
import { AccessSessionEndedV1 } from '@sportclub/contracts';
import { Outbox } from '@sportclub/outbox';
import type { Transaction } from '@sportclub/service-kit';
import {
  VENDOR_EVENTS_REPOSITORY,
  type VendorEventsRepository,
} from '../../../access-vendor/application/ports/vendor-events.repository.port';
import type { Session } from '../../domain/session';
import { SESSIONS_REPOSITORY, type SessionsRepository } from '../ports/sessions.repository.port';

/**
 * Ends an open session with its `access.session.ended` event, in the caller's transaction. The event
 * carries what the bar and shop recorded on it (the vendor's `consumption.recorded` events, or the
 * vendor's own total at check-out if larger), which payments settles from the member's credit.
 */
@Injectable()
export class CloseSessionHandler {
  constructor(
    @Inject(SESSIONS_REPOSITORY) private readonly sessions: SessionsRepository,
    @Inject(VENDOR_EVENTS_REPOSITORY) private readonly vendorEvents: VendorEventsRepository,
    private readonly outbox: Outbox,
  ) {}

  /** The ended session, or undefined when none was open (already closed, or not opened yet). */
  async execute(
    tx: Transaction,
    c: { sessionId: string; endedAt: string; vendorConsumptionCentavos: number; tenantId?: string },
  ): Promise<Session | undefined> {
    const ended = await this.sessions.end(tx, c);
    if (!ended) return undefined;
    const recorded = await this.vendorEvents.recordedConsumption(tx, c.sessionId);
    const { tenantId, ...session } = ended;
    await this.outbox.publish(
      tx,
      AccessSessionEndedV1.envelope({
        source: 'access-gateway',
        tenantId,
        subject: c.sessionId,
        correlationId: ended.checkInId,
        data: {
          sessionId: c.sessionId,
          memberId: ended.memberId,
          courtId: ended.courtId,
          startedAt: new Date(ended.startedAt).toISOString(),
          endedAt: new Date(c.endedAt).toISOString(),
          consumptionCentavos: Math.max(c.vendorConsumptionCentavos, recorded),
        },
      }),
    );
    return session;
  }

  /** Whether the session has ended here (a session not opened yet is not closed). */
  async isClosed(tx: Transaction, sessionId: string): Promise<boolean> {
    return (await this.sessions.findAny(tx, sessionId))?.endedAt != null;
  }
}
