import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '../../../shared/application/ports/transaction.port';
import type { Provider } from '../../domain/payment';
import { PAYMENT_GATEWAYS, type PaymentGateways, type SavedMethod } from '../ports/payment-gateway.port';
import { PAYMENT_REPOSITORY, type PaymentRepositoryPort } from '../ports/payment.repository.port';

/**
 * Saves the member's card with the provider that charges their club's cards, for later off-session
 * top-ups. A card the provider refuses throws PaymentDeclinedError (the member's problem, an answer).
 */
@Injectable()
export class SavePaymentMethodHandler {
  constructor(
    @Inject(PAYMENT_GATEWAYS) private readonly gateways: PaymentGateways,
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepositoryPort,
  ) {}

  async execute(
    tx: Transaction,
    tenantId: string,
    memberId: string,
    token: string,
  ): Promise<SavedMethod & { provider: Provider }> {
    const gateway = this.gateways.get(this.gateways.cardProvider(tenantId));
    const saved = await gateway.saveMethod(tenantId, memberId, token);
    await this.payments.saveMethod(tx, tenantId, memberId, gateway.provider, saved);
    return { provider: gateway.provider, ...saved };
  }
}
