import { Inject, Injectable } from '@nestjs/common';
import type { Flow } from '../../../shared/domain/flow';
import type { Payment } from '../../domain/payment';
import { storableText } from '../../domain/provider-text';
import { PAYMENT_GATEWAYS, type PaymentGateways } from '../ports/payment-gateway.port';
import { RecordPaymentHandler, type TopUpRequest } from '../record-payment/record-payment.handler';

/**
 * The member's own top-up: a card payment their app confirms (client secret) or a Pix QR code. The
 * member chose the amount, so below the provider's minimum it is refused rather than raised. Runs
 * outside any transaction: the provider is called between two short ones (RecordPaymentHandler), and
 * asked again for the client secret with none open.
 */
@Injectable()
export class CreateTopUpHandler {
  constructor(
    private readonly record: RecordPaymentHandler,
    @Inject(PAYMENT_GATEWAYS) private readonly gateways: PaymentGateways,
  ) {}

  async execute(flow: Flow, req: TopUpRequest): Promise<Payment & { clientSecret?: string }> {
    const { payment: row, answer } = await this.record.open(
      flow,
      req,
      { belowMinimum: 'refuse' },
      async (_tx, gateway) => {
        if (req.method === 'pix') return { operation: 'pix' };
        if (!gateway.createCardPayment)
          return { refused: `${gateway.provider} takes card top-ups only with a saved card` };
        return { operation: 'card-payment' };
      },
    );
    let clientSecret = answer?.clientSecret;
    if (!clientSecret && row.status === 'pending' && row.method === 'card' && row.providerRef) {
      // Asked again: the client secret is the provider's to keep, so ask it.
      const { clientSecret: secret } = await this.gateways
        .get(row.provider)
        .fetch(row.tenantId, row.providerRef);
      clientSecret = secret && storableText(secret);
    }
    return { ...row, ...(clientSecret && { clientSecret }) };
  }
}
