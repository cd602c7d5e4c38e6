import { Inject, Injectable } from '@nestjs/common';
import { SagaEngine } from '@sportclub/saga';
import { CheckInNotFoundError } from '../../domain/check-in.errors';
import type { CheckInData } from '../check-in.saga';
import { checkInView, type CheckInView } from '../check-in.view';

/** A check-in's state; another club's, or another member's for a member, is simply not found. */
@Injectable()
export class GetCheckInHandler {
  constructor(@Inject(SagaEngine) private readonly engine: SagaEngine) {}

  async execute(
    caller: { tenantId: string; memberId: string; staff: boolean },
    checkInId: string,
  ): Promise<CheckInView> {
    const saga = await this.engine.find<CheckInData>(checkInId, caller.tenantId).catch(() => undefined);
    if (!saga || saga.type !== 'check-in' || (!caller.staff && saga.data.memberId !== caller.memberId)) {
      throw new CheckInNotFoundError();
    }
    return checkInView(saga);
  }
}
