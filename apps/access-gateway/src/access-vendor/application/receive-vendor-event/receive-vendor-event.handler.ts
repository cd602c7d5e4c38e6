import { Inject, Injectable, Logger } from '@nestjs/common';
import { TRANSACTIONS, refusal, type Transactions } from '@sportclub/service-kit';
import { CloseSessionHandler } from '../../../sessions/application/close-session/close-session.handler';
import {
  VENDOR_EVENTS_REPOSITORY,
  type VendorEventsRepository,
} from '../ports/vendor-events.repository.port';

/** The vendor sent another event under an id it used already: nothing of it is taken. */
export class EventIdReusedError extends refusal(
  'conflict',
  'event_id_reused',
  'this event id was received with another body; an event id names one event',
  'X-Access-Event-Id',
) {}

/** An access-vendor webhook event, its signature already verified and its fields validated. */
export type VendorEvent =
  | { type: 'access.checkin'; sessionId: string }
  | { type: 'access.checkout'; sessionId: string; checkedOutAt: string; consumptionCentavos: number }
  | { type: 'consumption.recorded'; sessionId: string; totalCentavos: number };

export interface VendorEventReceipt {
  duplicate: boolean;
  /** What the event did here: stored, consumption-recorded, after-check-out, session-closed, awaiting-session. */
  outcome: string;
}

/**
 * Keeps each vendor event once (a replayed event id is acknowledged and changes nothing) and applies it
 * in the same transaction: a check-out at the door closes the session with its event; a check-out that
 * overtook the check-in is kept and applied when the session opens; recorded consumption is summed at
 * check-out.
 */
@Injectable()
export class ReceiveVendorEventHandler {
  private readonly logger = new Logger('AccessVendorWebhook');

  constructor(
    @Inject(VENDOR_EVENTS_REPOSITORY) private readonly events: VendorEventsRepository,
    @Inject(TRANSACTIONS) private readonly tx: Transactions,
    private readonly closeSession: CloseSessionHandler,
  ) {}

  execute(
    eventId: string,
    event: VendorEvent,
    raw: { body: Buffer; payload: unknown },
  ): Promise<VendorEventReceipt> {
    return this.tx.run(async (tx) => {
      const stored = await this.events.store(tx, {
        eventId,
        eventType: event.type,
        rawBody: raw.body,
        payload: raw.payload,
      });
      if (stored === 'duplicate') return { duplicate: true, outcome: 'duplicate' };
      if (stored === 'conflict') throw new EventIdReusedError();
      let outcome = 'stored';
      if (event.type === 'consumption.recorded') {
        const closed = await this.closeSession.isClosed(tx, event.sessionId);
        if (closed) {
          this.logger.warn(
            `consumption on ${event.sessionId} after its check-out: ${event.totalCentavos} centavos to collect`,
          );
        }
        outcome = closed ? 'after-check-out' : 'consumption-recorded';
      } else if (event.type === 'access.checkout') {
        const ended = await this.closeSession.execute(tx, {
          sessionId: event.sessionId,
          endedAt: event.checkedOutAt,
          vendorConsumptionCentavos: event.consumptionCentavos,
        });
        if (!ended) {
          // Not opened here yet (the check-in is still completing) or already closed: kept for later.
          this.logger.warn(
            `check-out for session ${event.sessionId}, which is not open here; kept for later`,
          );
        }
        outcome = ended ? 'session-closed' : 'awaiting-session';
      }
      await this.events.setOutcome(tx, eventId, outcome);
      return { duplicate: false, outcome };
    });
  }
}
