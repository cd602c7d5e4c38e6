import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@sportclub/service-kit';
import type { Payment } from '../../domain/payment';
import { PAYMENT_REPOSITORY, type PaymentRepositoryPort } from '../ports/payment.repository.port';

/** A payment as stored; with a member named, only if it is that member's (another's is not found). */
@Injectable()
export class GetPaymentHandler {
  constructor(@Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepositoryPort) {}

  async execute(
    tx: Transaction,
    tenantId: string,
    paymentId: string,
    memberId?: string,
  ): Promise<Payment | undefined> {
    const p = await this.payments.find(tx, tenantId, paymentId);
    return p && (!memberId || p.memberId === memberId) ? p : undefined;
  }
}
