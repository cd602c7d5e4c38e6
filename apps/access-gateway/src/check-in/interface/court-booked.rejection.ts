import { AccessCheckinRejectedV1, type Envelope } from '@sportclub/contracts';
import type { MessageContext } from '@sportclub/messaging';
import type { CourtBookedError } from '../domain/check-in.errors';

/**
 * A door or panel check-in refused because the court is booked by another member (or blocked): the
 * refusal codes of `access.rfid-scan.refused.v2` and `access.panel-request.refused.v1` have no such
 * case (a new code is a new major), so it is told as what it is, a rejected check-in with its reason,
 * in the request's flow — the door answers `access.checkin.rejected.v1` by correlation id.
 */
export function publishCourtBooked(
  ctx: MessageContext,
  error: CourtBookedError,
  courtId: string,
): Promise<unknown> {
  const rejected: Envelope = AccessCheckinRejectedV1.envelope({
    ...ctx.follow(),
    subject: error.checkInId,
    data: { checkInId: error.checkInId, memberId: error.memberId, courtId, reason: error.reason },
  });
  return ctx.outbox.publish(ctx.manager, rejected);
}
