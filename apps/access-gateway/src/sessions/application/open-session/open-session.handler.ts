import { Inject, Injectable } from '@nestjs/common';
import { AccessCheckinCompletedV1, AccessSessionStartedV1, type Envelope } from '@sportclub/contracts';
import { Outbox } from '@sportclub/outbox';
import type { Transaction } from '@sportclub/service-kit';
import {
  VENDOR_EVENTS_REPOSITORY,
  type VendorEventsRepository,
} from '../../../access-vendor/application/ports/vendor-events.repository.port';
import { CloseSessionHandler } from '../close-session/close-session.handler';
import { SESSIONS_REPOSITORY, type SessionsRepository } from '../ports/sessions.repository.port';

/**
 * Opens the session of each completed check-in among a saga transition's events, in the transition's
 * transaction: the session exists as soon as the check-in is COMPLETED. A vendor check-out that
 * overtook the check-in is applied right away. Repeats change nothing.
 */
@Injectable()
export class OpenSessionHandler {
  constructor(
    @Inject(SESSIONS_REPOSITORY) private readonly sessions: SessionsRepository,
    @Inject(VENDOR_EVENTS_REPOSITORY) private readonly vendorEvents: VendorEventsRepository,
    private readonly closeSession: CloseSessionHandler,
    private readonly outbox: Outbox,
  ) {}

  async onCompletedCheckIns(tx: Transaction, events: Envelope[]): Promise<void> {
    for (const event of events) {
      if (event.type !== AccessCheckinCompletedV1.type) continue;
      const { sessionId, checkInId, memberId, courtId } = (event as Envelope<AccessCheckinCompletedV1>).data;
      const opened = await this.sessions.open(tx, {
        tenantId: event.tenantid,
        sessionId,
        checkInId,
        memberId,
        courtId,
      });
      if (!opened) continue;
      await this.outbox.publish(
        tx,
        AccessSessionStartedV1.envelope({
          source: 'access-gateway',
          tenantId: event.tenantid,
          subject: sessionId,
          correlationId: event.correlationid,
          causationId: event.id,
          data: { sessionId, memberId, courtId, startedAt: new Date().toISOString() },
        }),
      );
      const early = await this.vendorEvents.awaitingCheckout(tx, sessionId);
      if (!early) continue;
      await this.closeSession.execute(tx, {
        sessionId,
        endedAt: early.endedAt,
        vendorConsumptionCentavos: early.consumptionCentavos,
      });
      await this.vendorEvents.setOutcome(tx, early.eventId, 'session-closed');
    }
  }
}
