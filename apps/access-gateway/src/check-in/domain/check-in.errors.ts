import { DomainError, refusal } from '@sportclub/service-kit';

/** One check-in at a time per member (the saga's semantic lock). */
export class CheckInInProgressError extends DomainError {
  readonly kind = 'conflict';
  readonly code = 'check_in_in_progress';
  override readonly details: { activeCheckInId: string };
  constructor(activeCheckInId: string) {
    super('this member already has a check-in in progress');
    this.details = { activeCheckInId };
  }
}

/** A member on a court checks out before checking in again (no paying twice for the same time). */
export class AlreadyOnCourtError extends DomainError {
  readonly kind = 'conflict';
  readonly code = 'already_on_court';
  override readonly field = 'memberId';
  override readonly details: { sessionId: string; courtId: string };
  constructor(session: { sessionId: string; courtId: string }) {
    super(`the member is on court ${session.courtId} already; check out first`);
    this.details = { sessionId: session.sessionId, courtId: session.courtId };
  }
}

export class CheckInNotFoundError extends refusal(
  'not-found',
  'check_in_not_found',
  'no such check-in for this caller',
  'id',
) {}

/**
 * The court is held now by another member's booking or a staff block (409). The answer says until when
 * (on the club's clock), never whose booking it is. `checkInId` and `memberId` name the refused check-in
 * for a door or panel, which answer it as `access.checkin.rejected.v1`; they are not in the HTTP answer.
 */
export class CourtBookedError extends DomainError {
  readonly kind = 'conflict';
  readonly code = 'court_booked';
  override readonly field = 'courtId';
  override readonly details: { courtId: string; bookedUntil: string; localBookedUntil: string };
  constructor(
    booking: { courtId: string; endsAt: string; localEndsAt: string; block: boolean },
    readonly checkInId: string,
    readonly memberId: string,
  ) {
    super(
      booking.block
        ? `court ${booking.courtId} is closed by the club until ${booking.localEndsAt}`
        : `court ${booking.courtId} is booked by another member until ${booking.localEndsAt}`,
    );
    this.details = {
      courtId: booking.courtId,
      bookedUntil: booking.endsAt,
      localBookedUntil: booking.localEndsAt,
    };
  }
}
