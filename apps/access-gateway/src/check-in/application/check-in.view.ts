import type { SagaView } from '@sportclub/saga';
import type { CheckInData } from './check-in.saga';

/** A check-in as members and staff see it. */
export interface CheckInView {
  checkInId: string;
  status: 'PENDING' | 'COMPLETED' | 'REJECTED' | 'FAILED' | 'NEEDS_ATTENTION';
  step: string | null;
  reason: string | null;
  memberId: string;
  courtId: string;
  /** Session price in centavos. */
  priceCentavos: number;
  sessionId: string | null;
  /** The top-up a short wallet needed: its payment, status, and the Pix code to pay while pending. */
  topUp: NonNullable<CheckInData['topUp']> | null;
  createdAt: string;
  updatedAt: string;
}

export function checkInView(saga: SagaView<CheckInData>): CheckInView {
  const status = saga.state === 'RUNNING' || saga.state === 'COMPENSATING' ? 'PENDING' : saga.state;
  return {
    checkInId: saga.id,
    status,
    step: saga.step,
    reason: saga.reason,
    memberId: saga.data.memberId,
    courtId: saga.data.courtId,
    priceCentavos: saga.data.priceCentavos,
    sessionId: saga.data.sessionId ?? null,
    topUp: saga.data.topUp ?? null,
    createdAt: saga.createdAt.toISOString(),
    updatedAt: saga.updatedAt.toISOString(),
  };
}
