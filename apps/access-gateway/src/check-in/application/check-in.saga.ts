import {
  AccessCheckinCompletedV1,
  AccessCheckinFailedV1,
  AccessCheckinNeedsAttentionV1,
  AccessCheckinRejectedV1,
  AccessGatewayOpenCourtResultV1,
  AccessGatewayOpenCourtV1,
  PaymentsCommitCreditResultV1,
  PaymentsCommitCreditV1,
  PaymentsReleaseCreditResultV1,
  PaymentsReleaseCreditV1,
  PaymentsReserveCreditResultV1,
  PaymentsReserveCreditV1,
} from '@sportclub/contracts';
import { defineSaga, fail, next, reject } from '@sportclub/saga';

export interface CheckInData {
  checkInId: string;
  memberId: string;
  courtId: string;
  channel: 'app' | 'rfid' | 'court-panel';
  priceCentavos: number;
  reserved: boolean;
  sessionId?: string;
}

const short = (reason: string) => reason.slice(0, 500);

/** A check-in that ended without opening the court (rejected or failed), with why. */
const ended = (d: CheckInData, reason: string) => ({
  subject: d.checkInId,
  data: { checkInId: d.checkInId, memberId: d.memberId, courtId: d.courtId, reason: short(reason) },
});

/**
 * The check-in saga of ARCHITECTURE §4: reserve the session price from the member's credit, open the
 * court at the access vendor, commit the credit. A failure after the reservation releases it; a
 * release that keeps failing parks the check-in for an operator. (Topping up a short wallet joins when
 * payments charges cards and Pix; until then short credit rejects the check-in.)
 */
export function checkInSaga(deadlineMs: number) {
  return defineSaga<CheckInData>('check-in')
    .lockKey((d) => d.memberId)
    .compensationPolicy({ maxAttempts: 3, deadline: deadlineMs })
    .step('reserve-credit', (s) =>
      s
        .when((d) => d.priceCentavos > 0)
        .send(PaymentsReserveCreditV1, (d) => ({
          subject: d.memberId,
          data: {
            reservationId: d.checkInId,
            memberId: d.memberId,
            amountCentavos: d.priceCentavos,
            reason: `check-in ${d.checkInId} at court ${d.courtId}`,
          },
        }))
        .onReply(PaymentsReserveCreditResultV1, (d, reply) =>
          reply.data.outcome === 'reserved' ? next({ ...d, reserved: true }) : reject('insufficient credit'),
        )
        .deadline(deadlineMs)
        .compensate(PaymentsReleaseCreditV1, (d) => ({
          subject: d.memberId,
          data: { reservationId: d.checkInId, reason: 'check-in did not complete' },
        }))
        .onCompensationReply(
          PaymentsReleaseCreditResultV1,
          (_d, reply) => reply.data.outcome !== 'already-committed',
        ),
    )
    .step('open-court', (s) =>
      s
        .send(AccessGatewayOpenCourtV1, (d) => ({
          subject: d.courtId,
          data: { checkInId: d.checkInId, courtId: d.courtId, memberId: d.memberId },
        }))
        .onReply(AccessGatewayOpenCourtResultV1, (d, reply) =>
          reply.data.outcome === 'opened'
            ? next({ ...d, sessionId: reply.data.sessionId })
            : fail(short(`court did not open: ${reply.data.reason ?? 'vendor refused'}`)),
        )
        .deadline(deadlineMs),
    )
    .step('commit-credit', (s) =>
      s
        .when((d) => d.reserved)
        .send(PaymentsCommitCreditV1, (d) => ({ subject: d.memberId, data: { reservationId: d.checkInId } }))
        .onReply(PaymentsCommitCreditResultV1, (_d, reply) =>
          reply.data.outcome === 'committed' ? next() : fail('the reservation vanished before its commit'),
        )
        .deadline(deadlineMs),
    )
    .onCompleted(AccessCheckinCompletedV1, (d) => ({
      subject: d.checkInId,
      data: {
        checkInId: d.checkInId,
        memberId: d.memberId,
        courtId: d.courtId,
        sessionId: d.sessionId ?? d.checkInId,
        chargedCentavos: d.reserved ? d.priceCentavos : 0,
      },
    }))
    .onFailed(AccessCheckinFailedV1, (d, ctx) => ended(d, ctx.reason ?? 'failed'))
    .onRejected(AccessCheckinRejectedV1, (d, ctx) => ended(d, ctx.reason ?? 'rejected'))
    .onNeedsAttention(AccessCheckinNeedsAttentionV1, (d, ctx) => ({
      subject: d.checkInId,
      data: {
        checkInId: d.checkInId,
        step: ctx.step ?? 'unknown',
        reason: short(ctx.reason ?? 'compensation failed'),
      },
    }))
    .build();
}
