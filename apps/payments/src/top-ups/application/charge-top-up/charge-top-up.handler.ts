import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import type { Flow } from '../../../shared/domain/flow';
import type { LateReply, Payment } from '../../domain/payment';
import { PAYMENT_REPOSITORY, type PaymentRepositoryPort } from '../ports/payment.repository.port';
import {
  RecordPaymentHandler,
  failedPayment,
  pix,
  type TopUpRequest,
} from '../record-payment/record-payment.handler';

/**
 * The check-in saga's top-up: charges the member's saved card off-session, or opens a Pix charge that
 * answers `pending` now and `succeeded`/`failed` to `lateReply` when it settles. The shortfall is
 * charged at least at the provider's minimum (the rest stays as credit). A declined card or a request
 * the provider refuses is an answer (`failed`), at once; only an outage throws, so the command is retried.
 */
@Injectable()
export class ChargeTopUpHandler {
  constructor(
    private readonly record: RecordPaymentHandler,
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepositoryPort,
  ) {}

  execute(tx: Transaction, flow: Flow, req: TopUpRequest, lateReply?: LateReply): Promise<Payment> {
    const options = { lateReply, belowMinimum: 'charge-the-minimum' } as const;
    return this.record.open(tx, flow, req, options, async (gateway, charge) => {
      if (req.method === 'pix') return pix(gateway, charge);
      const saved = await this.payments.savedMethod(tx, flow.tenantId, req.memberId, gateway.provider);
      if (!saved) return failedPayment('the member has no saved card');
      return gateway.chargeSaved(charge, saved);
    });
  }
}
