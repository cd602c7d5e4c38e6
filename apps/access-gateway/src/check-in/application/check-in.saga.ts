import {
  AccessCheckinCompletedV1,
  AccessCheckinFailedV1,
  AccessCheckinNeedsAttentionV1,
  AccessCheckinRejectedV1,
  AccessGatewayOpenCourtResultV1,
  AccessGatewayOpenCourtV1,
  PaymentsChargeTopUpResultV1,
  PaymentsChargeTopUpV1,
  PaymentsCommitCreditResultV1,
  PaymentsCommitCreditV1,
  PaymentsReleaseCreditResultV1,
  PaymentsReleaseCreditV1,
  PaymentsReserveCreditResultV1,
  PaymentsReserveCreditV1,
} from '@sportclub/contracts';
import { defineSaga, fail, goTo, next, reject, stay } from '@sportclub/saga';

export interface CheckInData {
  checkInId: string;
  memberId: string;
  courtId: string;
  /** For the member's notification; sagas started before it was kept have none. */
  courtName?: string;
  channel: 'app' | 'rfid' | 'court-panel';
  priceCentavos: number;
  reserved: boolean;
  /** How a short wallet is topped up: the member's saved card, or a Pix charge they pay in the app. */
  topUpMethod: 'card' | 'pix';
  /** What the current top-up charges (0 when none is due). */
  shortfallCentavos: number;
  topUps: number;
  /** The top-up in progress or last made, as the member sees it. */
  topUp?: { paymentId: string; status: 'pending' | 'succeeded' | 'failed'; pix?: PixCharge };
  sessionId?: string;
}

export interface PixCharge {
  qrCode: string;
  qrCodeBase64?: string;
  ticketUrl?: string;
  expiresAt: string;
}

export interface CheckInDeadlines {
  /** Every step of a check-in, and a card top-up. */
  stepMs: number;
  /** A Pix top-up waits this long for the member to pay. */
  pixMs: number;
}

const short = (reason: string) => reason.slice(0, 500);
const topUpId = (d: CheckInData) => `${d.checkInId}-top-up-${d.topUps + 1}`;

/** A check-in that ended without opening the court (rejected or failed), with why. */
const ended = (d: CheckInData, reason: string) => ({
  subject: d.checkInId,
  data: {
    checkInId: d.checkInId,
    memberId: d.memberId,
    courtId: d.courtId,
    ...(d.courtName && { courtName: d.courtName }),
    reason: short(reason),
  },
});

/**
 * The check-in saga of ARCHITECTURE §4: reserve the session price from the member's credit — topping
 * the wallet up once by saved card or Pix when it is short, then reserving again —, open the court at
 * the access vendor, commit the credit. A failure after the reservation releases it; a release that
 * keeps failing parks the check-in for an operator. A top-up is charged with an idempotency key derived
 * from the check-in, so a replayed command cannot charge twice.
 */
export function checkInSaga({ stepMs: deadlineMs, pixMs }: CheckInDeadlines) {
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
        .onReply(PaymentsReserveCreditResultV1, (d, reply) => {
          if (reply.data.outcome === 'reserved') return next({ ...d, reserved: true, shortfallCentavos: 0 });
          if (d.topUps > 0) return reject('insufficient credit after the top-up');
          return goTo('top-up', { ...d, shortfallCentavos: reply.data.shortfallCentavos || d.priceCentavos });
        })
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
    .step('top-up', (s) =>
      s
        .when((d) => d.shortfallCentavos > 0)
        .send(PaymentsChargeTopUpV1, (d) => ({
          subject: d.memberId,
          data: {
            paymentId: topUpId(d),
            memberId: d.memberId,
            amountCentavos: d.shortfallCentavos,
            method: d.topUpMethod,
            idempotencyKey: `check-in:${d.checkInId}:top-up:${d.topUps + 1}`,
          },
        }))
        .onReply(PaymentsChargeTopUpResultV1, (d, reply) => {
          const { outcome, reason, pix } = reply.data;
          const topUp = { paymentId: reply.data.paymentId, status: outcome, ...(pix && { pix: { ...pix } }) };
          if (outcome === 'succeeded') {
            return goTo('reserve-credit', { ...d, topUp, topUps: d.topUps + 1, shortfallCentavos: 0 });
          }
          if (outcome === 'pending') return stay({ ...d, topUp });
          return reject(short(`insufficient credit and the top-up failed: ${reason ?? 'declined'}`), {
            ...d,
            topUp,
          });
        })
        .deadline((d) => (d.topUpMethod === 'pix' ? pixMs : deadlineMs))
        .onTimeout(() => reject('insufficient credit and the top-up was not paid in time')),
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
        ...(d.courtName && { courtName: d.courtName }),
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
