import { Controller, Inject } from '@nestjs/common';
import {
  AccessCheckinCompletedV1,
  AccessCheckinFailedV1,
  AccessCheckinNeedsAttentionV1,
  AccessCheckinRejectedV1,
  AccessRfidScanRefusedV1,
  AccessRfidScanRefusedV2,
  type Envelope,
} from '@sportclub/contracts';
import { OnEvent, type MessageContext } from '@sportclub/messaging';
import { AnswerScanHandler } from '../application/answer-scan/answer-scan.handler';
import type { CheckInOutcome } from '../domain/scan-answer';

/**
 * How the gateway's check-ins ended, as far as a door is concerned: each terminal event (and the
 * gateway's refusal of a scan) carries the correlation id the scan was announced with. Events of
 * check-ins no scan started match no row and change nothing.
 */
@Controller()
export class CheckInOutcomesHandler {
  constructor(@Inject(AnswerScanHandler) private readonly answerScan: AnswerScanHandler) {}

  @OnEvent(AccessCheckinCompletedV1)
  completed(envelope: Envelope, ctx: MessageContext) {
    return this.answer(envelope, ctx, { type: 'completed' });
  }

  @OnEvent(AccessCheckinRejectedV1)
  rejected(envelope: Envelope<AccessCheckinRejectedV1>, ctx: MessageContext) {
    return this.answer(envelope, ctx, { type: 'rejected', reason: envelope.data.reason });
  }

  @OnEvent(AccessCheckinFailedV1)
  failed(envelope: Envelope, ctx: MessageContext) {
    return this.answer(envelope, ctx, { type: 'failed' });
  }

  @OnEvent(AccessCheckinNeedsAttentionV1)
  needsAttention(envelope: Envelope, ctx: MessageContext) {
    return this.answer(envelope, ctx, { type: 'needs-attention' });
  }

  @OnEvent(AccessRfidScanRefusedV1)
  refused(envelope: Envelope<AccessRfidScanRefusedV1>, ctx: MessageContext) {
    return this.answer(envelope, ctx, { type: 'refused', code: envelope.data.code });
  }

  /** v2 adds codes (member-suspended, not-a-member, device-request-expired); each has its message on the reader. */
  @OnEvent(AccessRfidScanRefusedV2)
  refusedV2(envelope: Envelope<AccessRfidScanRefusedV2>, ctx: MessageContext) {
    return this.answer(envelope, ctx, { type: 'refused', code: envelope.data.code });
  }

  private answer(envelope: Envelope, ctx: MessageContext, outcome: CheckInOutcome): Promise<void> {
    return this.answerScan.execute(ctx.manager, {
      tenantId: envelope.tenantid,
      correlationId: envelope.correlationid,
      outcome,
    });
  }
}
