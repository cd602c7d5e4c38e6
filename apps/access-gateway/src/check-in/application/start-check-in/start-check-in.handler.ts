import { Inject, Injectable } from '@nestjs/common';
import { SagaEngine, SagaLockedError } from '@sportclub/saga';
import type { Transaction } from '@sportclub/service-kit';
import { FindCourtBookingHandler } from '../../../bookings/application/find-court-booking/find-court-booking.handler';
import { idFor } from '../../../idempotency/idempotency-key';
import { GetCourtHandler } from '../../../courts/application/get-court/get-court.handler';
import { GetMemberHandler } from '../../../members/application/get-member/get-member.handler';
import { FindOpenSessionHandler } from '../../../sessions/application/find-open-session/find-open-session.handler';
import { AlreadyOnCourtError, CheckInInProgressError, CourtBookedError } from '../../domain/check-in.errors';
import type { CheckInData } from '../check-in.saga';
import { checkInView, type CheckInView } from '../check-in.view';

export interface StartCheckIn {
  tenantId: string;
  courtId: string;
  memberId: string;
  channel: CheckInData['channel'];
  /** How a short wallet is topped up; doors and panels show no Pix code, so they always use the card. */
  topUpMethod: CheckInData['topUpMethod'];
  /**
   * Names the request so a repeat maps to the same check-in: the caller and their Idempotency-Key for
   * the app (`app:<member>:<key>`), reader and scan id for a card, panel and request id for a panel.
   */
  requestKey: string;
}

/** The message that started it (a card scan, a panel request), whose flow and transaction it joins. */
export interface StartFlow {
  correlationId?: string;
  causationId?: string;
  tx?: Transaction;
}

/**
 * Starts a member's check-in at a court: the one use case behind the app's `POST /v1/check-ins`, an
 * RFID card at the door and a court panel. The court and the member must be of the caller's club and
 * the member active (404 / 403 otherwise); a member with a check-in in progress, or already on a court,
 * is refused (409), and so is a check-in while the court is booked by another member or blocked by
 * staff (409 `court_booked`, saying until when); the booker's own check-in goes ahead.
 */
@Injectable()
export class StartCheckInHandler {
  constructor(
    @Inject(SagaEngine) private readonly engine: SagaEngine,
    private readonly courts: GetCourtHandler,
    private readonly members: GetMemberHandler,
    private readonly openSessions: FindOpenSessionHandler,
    private readonly courtBookings: FindCourtBookingHandler,
  ) {}

  async execute(c: StartCheckIn, flow: StartFlow = {}): Promise<CheckInView> {
    const court = await this.courts.execute(c.tenantId, c.courtId, flow.tx);
    await this.members.active(c.tenantId, c.memberId, flow.tx);
    // A check-in that completes opens its session in the same transaction that frees the member's
    // lock, so a member is either still checking in (409 below) or on court (here): never charged twice.
    const onCourt = await this.openSessions.execute(c.tenantId, c.memberId, flow.tx);
    const checkInId = idFor('check-in', c.tenantId, c.requestKey);
    if (onCourt && onCourt.checkInId !== checkInId) throw new AlreadyOnCourtError(onCourt);
    const held = await this.courtBookings.execute(c.tenantId, c.courtId, new Date(), flow.tx);
    if (held && held.memberId !== c.memberId) {
      throw new CourtBookedError({ ...held, block: held.memberId === null }, checkInId, c.memberId);
    }
    try {
      const saga = await this.engine.start<CheckInData>(
        'check-in',
        {
          checkInId,
          courtId: c.courtId,
          courtName: court.name,
          memberId: c.memberId,
          channel: c.channel,
          topUpMethod: c.topUpMethod,
          priceCentavos: court.priceCentavos,
          reserved: false,
          shortfallCentavos: 0,
          topUps: 0,
        },
        {
          tenantId: c.tenantId,
          sagaId: checkInId,
          correlationId: flow.correlationId ?? checkInId,
          causationId: flow.causationId,
        },
        flow.tx,
      );
      return checkInView(saga);
    } catch (error) {
      if (error instanceof SagaLockedError) throw new CheckInInProgressError(error.activeSagaId);
      throw error;
    }
  }
}
