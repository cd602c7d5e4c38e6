import { Inject, Injectable } from '@nestjs/common';
import { TRANSACTIONS, type Transactions } from '@sportclub/service-kit';
import type { Provider } from '../../domain/payment';
import { storableText } from '../../domain/provider-text';
import { PAYMENT_GATEWAYS, type PaymentGateways, type SavedMethod } from '../ports/payment-gateway.port';
import { PAYMENT_REPOSITORY, type PaymentRepositoryPort } from '../ports/payment.repository.port';

/**
 * Saves the member's card with the provider that charges their club's cards, for later off-session
 * top-ups. A card the provider refuses throws PaymentDeclinedError (the member's problem, an answer).
 * The provider is asked with no transaction open (its calls are idempotent per tenant and member), and
 * what it answers is kept in one short transaction afterwards: a re-run asks again and keeps the same.
 */
@Injectable()
export class SavePaymentMethodHandler {
  constructor(
    @Inject(TRANSACTIONS) private readonly db: Transactions,
    @Inject(PAYMENT_GATEWAYS) private readonly gateways: PaymentGateways,
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepositoryPort,
  ) {}

  async execute(
    tenantId: string,
    memberId: string,
    token: string,
  ): Promise<SavedMethod & { provider: Provider }> {
    const gateway = this.gateways.get(this.gateways.cardProvider(tenantId));
    const answer = await gateway.saveMethod(tenantId, memberId, token);
    // What the provider says about the card is kept and shown: storable text only.
    const saved: SavedMethod = {
      methodId: storableText(answer.methodId, 255),
      ...(answer.customerRef !== undefined && { customerRef: storableText(answer.customerRef, 255) }),
      ...(answer.brand !== undefined && { brand: storableText(answer.brand, 50) }),
      ...(answer.last4 !== undefined && { last4: storableText(answer.last4, 4) }),
    };
    await this.db.run((tx) => this.payments.saveMethod(tx, tenantId, memberId, gateway.provider, saved));
    return { provider: gateway.provider, ...saved };
  }
}
