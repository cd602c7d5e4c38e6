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
