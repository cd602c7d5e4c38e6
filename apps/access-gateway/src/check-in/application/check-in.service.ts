import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '@sportclub/auth';
import { isStaff } from '../../auth/auth.guard';
import { SagaEngine, SagaLockedError, type SagaView } from '@sportclub/saga';
import type { CheckInData } from './check-in.saga';
import { idFor } from '../../idempotency';

export interface CheckInView {
  checkInId: string;
  status: 'PENDING' | 'COMPLETED' | 'REJECTED' | 'FAILED' | 'NEEDS_ATTENTION';
  step: string | null;
  reason: string | null;
  memberId: string;
  courtId: string;
  priceCentavos: number;
  sessionId: string | null;
  /** The top-up a short wallet needed: its payment, status, and the Pix code to pay while pending. */
  topUp: CheckInData['topUp'] | null;
  createdAt: string;
  updatedAt: string;
}

/** Starts check-ins (one saga per member at a time) and answers their status, scoped to the caller. */
@Injectable()
export class CheckInService {
  constructor(
    private readonly db: DataSource,
    @Inject(SagaEngine) private readonly engine: SagaEngine,
  ) {}

  async start(
    p: Pick<Principal, 'tenantId'>,
    request: Pick<CheckInData, 'courtId' | 'memberId' | 'channel' | 'topUpMethod'>,
    idempotencyKey: string,
    /** A check-in started by a message (an RFID scan): that message's flow, in its inbox transaction. */
    flow: { correlationId?: string; causationId?: string; manager?: EntityManager } = {},
  ): Promise<CheckInView> {
    const [court] = await (flow.manager ?? this.db.manager).query<{ price: number }[]>(
      `SELECT price_centavos AS price FROM court WHERE tenant_id = $1 AND court_id = $2`,
      [p.tenantId, request.courtId],
    );
    if (!court) throw new NotFoundException({ error: 'court_not_found', field: 'courtId' });
    const checkInId = idFor('check-in', p.tenantId, idempotencyKey);
    try {
      const saga = await this.engine.start<CheckInData>(
        'check-in',
        {
          checkInId,
          ...request,
          priceCentavos: court.price,
          reserved: false,
          shortfallCentavos: 0,
          topUps: 0,
        },
        {
          tenantId: p.tenantId,
          sagaId: checkInId,
          correlationId: flow.correlationId ?? checkInId,
          causationId: flow.causationId,
        },
        flow.manager,
      );
      return view(saga);
    } catch (error) {
      if (error instanceof SagaLockedError) {
        throw new ConflictException({
          error: 'check_in_in_progress',
          reason: 'this member already has a check-in in progress',
          activeCheckInId: error.activeSagaId,
        });
      }
      throw error;
    }
  }

  /** Another tenant's check-in, or another member's for a member, is simply not found. */
  async find(p: Principal, checkInId: string): Promise<CheckInView> {
    const saga = await this.engine.find<CheckInData>(checkInId, p.tenantId).catch(() => undefined);
    const staff = isStaff(p);
    if (!saga || saga.type !== 'check-in' || (!staff && saga.data.memberId !== p.subject)) {
      throw new NotFoundException({ error: 'check_in_not_found', field: 'id' });
    }
    return view(saga);
  }
}

function view(saga: SagaView<CheckInData>): CheckInView {
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
