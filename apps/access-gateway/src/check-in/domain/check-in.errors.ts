import { DomainError } from '../../shared/domain/domain.error';

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

export class CheckInNotFoundError extends DomainError {
  readonly kind = 'not-found';
  readonly code = 'check_in_not_found';
  override readonly field = 'id';
  constructor() {
    super('no such check-in for this caller');
  }
}
