import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import type { Flow } from '../../../shared/domain/flow';
import type { Payment } from '../../domain/payment';
import { storableText } from '../../domain/provider-text';
import { PAYMENT_GATEWAYS, type PaymentGateways } from '../ports/payment-gateway.port';
import {
  RecordPaymentHandler,
  failedPayment,
  pix,
  type TopUpRequest,
} from '../record-payment/record-payment.handler';

/**
 * The member's own top-up: a card payment their app confirms (client secret) or a Pix QR code. The
 * member chose the amount, so below the provider's minimum it is refused rather than raised.
 */
@Injectable()
export class CreateTopUpHandler {
  constructor(
    private readonly record: RecordPaymentHandler,
    @Inject(PAYMENT_GATEWAYS) private readonly gateways: PaymentGateways,
  ) {}

  async execute(
    tx: Transaction,
    flow: Flow,
    req: TopUpRequest,
  ): Promise<Payment & { clientSecret?: string }> {
    let clientSecret: string | undefined;
    const row = await this.record.open(tx, flow, req, { belowMinimum: 'refuse' }, async (gateway, charge) => {
      if (req.method === 'pix') return pix(gateway, charge);
      if (!gateway.createCardPayment)
        return failedPayment(`${gateway.provider} takes card top-ups only with a saved card`);
      const payment = await gateway.createCardPayment(charge);
      clientSecret = payment.clientSecret;
      return payment;
    });
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
