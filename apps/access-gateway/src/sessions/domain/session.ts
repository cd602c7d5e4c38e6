import { DomainError, refusal } from '@sportclub/service-kit';

/** A member's time on a court: opened by a completed check-in (the vendor's session id), closed by a check-out. */
export interface Session {
  sessionId: string;
  checkInId: string;
  memberId: string;
  courtId: string;
  startedAt: string;
  endedAt: string | null;
}

export class SessionNotFoundError extends refusal(
  'not-found',
  'session_not_found',
  'no such session for this caller',
  'sessionId',
) {}

export class AccessVendorFailedError extends DomainError {
  readonly kind = 'upstream-failed';
  readonly code = 'access_vendor_failed';
  constructor(reason: string) {
    super(reason.slice(0, 300));
  }
}
