import { Inject, Injectable } from '@nestjs/common';
import type { Flow } from '../../../shared/domain/flow';
import type { LateReply, Payment } from '../../domain/payment';
import { PAYMENT_REPOSITORY, type PaymentRepositoryPort } from '../ports/payment.repository.port';
import { RecordPaymentHandler, type TopUpRequest } from '../record-payment/record-payment.handler';

/**
 * The check-in saga's top-up: charges the member's saved card off-session, or opens a Pix charge that
 * answers `pending` now and `succeeded`/`failed` to `lateReply` when it settles. The shortfall is
 * charged at least at the provider's minimum (the rest stays as credit). A declined card or a request
 * the provider refuses is an answer (`failed`), at once; only an outage throws, so the command is retried.
 * Runs outside any transaction: the provider is called between two short ones (RecordPaymentHandler).
 */
@Injectable()
export class ChargeTopUpHandler {
  constructor(
    private readonly record: RecordPaymentHandler,
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepositoryPort,
  ) {}

  async execute(flow: Flow, req: TopUpRequest, lateReply?: LateReply): Promise<Payment> {
    const options = { lateReply, belowMinimum: 'charge-the-minimum' } as const;
    const { payment } = await this.record.open(flow, req, options, async (tx, gateway) => {
      if (req.method === 'pix') return { operation: 'pix' };
      const card = await this.payments.savedMethod(tx, flow.tenantId, req.memberId, gateway.provider);
      if (!card) return { refused: 'the member has no saved card' };
      return { operation: 'charge-saved-card', card };
    });
    return payment;
  }
}
