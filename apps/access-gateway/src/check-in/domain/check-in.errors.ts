import { DomainError, refusal } from '../../shared/domain/domain.error';

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

export class CheckInNotFoundError extends refusal(
  'not-found',
  'check_in_not_found',
  'no such check-in for this caller',
  'id',
) {}
