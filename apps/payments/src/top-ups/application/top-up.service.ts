import { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  PaymentsChargeTopUpResultV1,
  PaymentsPaymentFailedV1,
  PaymentsPaymentRefundedV1,
  PaymentsPaymentSucceededV1,
} from '@sportclub/contracts';
import type { Outbox } from '@sportclub/outbox';
import type { Flow, WalletService } from '../../wallet/application/wallet.service';
import { transition } from '../domain/payment-status';
import { PaymentRepository, type LateReply, type PaymentRow } from '../infrastructure/payment.repository';
import {
  PaymentDeclinedError,
  type ChargeRequest,
  type PaymentGateway,
  type Provider,
  type ProviderPayment,
} from './payment-gateway.port';

export interface TopUpRequest {
  paymentId: string;
  memberId: string;
  amountCentavos: number;
  method: 'card' | 'pix';
  /** The provider's idempotency key: the same key can never charge twice. */
  idempotencyKey: string;
}

export interface Gateways {
  /** The provider that charges this tenant's cards. */
  cardProvider(tenantId: string): Provider;
  /** The provider of Pix charges. */
  readonly pixProvider: Provider;
  get(provider: Provider): PaymentGateway;
}

/**
 * Wallet top-ups. A payment row is written in the same transaction as its first outcome, its ledger
 * movement and its events; the provider call happens before, under the payment id's lock and with an
 * idempotency key, so a redelivered command gets the provider's first answer back instead of a second
 * charge. Later news (webhooks) is reconciled by fetching the payment from the provider.
 */
export class TopUpService {
  private readonly repo = new PaymentRepository();
  private readonly logger = new Logger('TopUps');

  constructor(
    private readonly outbox: Outbox,
    private readonly wallets: WalletService,
    private readonly gateways: Gateways,
  ) {}

  /**
   * The check-in saga's top-up: charges the member's saved card off-session, or opens a Pix charge that
   * answers `pending` now and `succeeded`/`failed` to `lateReply` when it settles.
   */
  async charge(m: EntityManager, flow: Flow, req: TopUpRequest, lateReply?: LateReply): Promise<PaymentRow> {
    return this.open(m, flow, req, lateReply ?? null, async (gateway, charge) => {
      if (req.method === 'pix') return this.pix(gateway, charge);
      const saved = await this.repo.savedMethod(m, flow.tenantId, req.memberId, gateway.provider);
      if (!saved) return declined('the member has no saved card');
      return gateway.chargeSaved(charge, saved).catch(rethrowUnlessDeclined);
    });
  }

  /** The member's own top-up: a card payment their app confirms (client secret) or a Pix QR code. */
  async create(
    m: EntityManager,
    flow: Flow,
    req: TopUpRequest,
  ): Promise<PaymentRow & { clientSecret?: string }> {
    let clientSecret: string | undefined;
    const row = await this.open(m, flow, req, null, async (gateway, charge) => {
      if (req.method === 'pix') return this.pix(gateway, charge);
      if (!gateway.createCardPayment)
        return declined(`${gateway.provider} takes card top-ups only with a saved card`);
      const payment = await gateway.createCardPayment(charge);
      clientSecret = payment.clientSecret;
      return payment;
    });
    if (!clientSecret && row.status === 'pending' && row.method === 'card' && row.providerRef) {
      // Asked again: the client secret is the provider's to keep, so ask it.
      clientSecret = (await this.gateways.get(row.provider).fetch(row.tenantId, row.providerRef))
        .clientSecret;
    }
    return { ...row, ...(clientSecret && { clientSecret }) };
  }

  async find(m: EntityManager, tenantId: string, paymentId: string): Promise<PaymentRow | undefined> {
    return this.repo.find(m, tenantId, paymentId);
  }

  async saveMethod(m: EntityManager, tenantId: string, memberId: string, token: string) {
    const gateway = this.gateways.get(this.gateways.cardProvider(tenantId));
    const saved = await gateway.saveMethod(tenantId, memberId, token);
    await this.repo.saveMethod(m, tenantId, memberId, gateway.provider, saved);
    return { provider: gateway.provider, ...saved };
  }

  /**
   * Applies what the provider says about one of its payments now. Answers `unknown` while no payment
   * row has that reference (its charge is still being recorded): the caller tries again later.
   */
  async reconcile(
    m: EntityManager,
    provider: Provider,
    providerRef: string,
    observed: ProviderPayment,
  ): Promise<'applied' | 'unchanged' | 'unknown'> {
    const row = await this.repo.findByProviderRef(m, provider, providerRef);
    if (!row) return 'unknown';
    const wasPending = row.status === 'pending';
    const t = await this.apply(m, row, observed);
    if (!t) return 'unchanged';
    if (wasPending && row.lateReply) {
      await this.outbox.reply(
        m,
        PaymentsChargeTopUpResultV1.envelope({
          source: 'payments',
          tenantId: row.tenantId,
          correlationId: row.correlationId,
          causationId: row.lateReply.commandId,
          subject: row.paymentId,
          data: {
            paymentId: row.paymentId,
            outcome: t.next.status === 'failed' ? 'failed' : 'succeeded',
            ...(observed.reason && { reason: observed.reason }),
          },
        }),
        row.lateReply,
      );
    }
    return 'applied';
  }

  async tenantOf(m: EntityManager, provider: Provider, providerRef: string): Promise<string | undefined> {
    return (await this.repo.findByProviderRef(m, provider, providerRef, false))?.tenantId;
  }

  gateway(provider: Provider): PaymentGateway {
    return this.gateways.get(provider);
  }

  private async open(
    m: EntityManager,
    flow: Flow,
    req: TopUpRequest,
    lateReply: LateReply | null,
    call: (gateway: PaymentGateway, charge: ChargeRequest) => Promise<ProviderPayment>,
  ): Promise<PaymentRow> {
    await this.repo.lockId(m, flow.tenantId, req.paymentId);
    const existing = await this.repo.find(m, flow.tenantId, req.paymentId);
    if (existing) return existing;
    const provider =
      req.method === 'pix' ? this.gateways.pixProvider : this.gateways.cardProvider(flow.tenantId);
    const observed = await call(this.gateways.get(provider), {
      tenantId: flow.tenantId,
      paymentId: req.paymentId,
      memberId: req.memberId,
      amountCentavos: req.amountCentavos,
      idempotencyKey: req.idempotencyKey,
      description: `Sport Tech Club credit top-up ${req.paymentId}`,
    });
    const row: PaymentRow = {
      tenantId: flow.tenantId,
      paymentId: req.paymentId,
      memberId: req.memberId,
      amountCentavos: req.amountCentavos,
      provider,
      method: req.method,
      status: 'pending',
      refundedCentavos: 0,
      providerRef: observed.providerRef || null,
      reason: null,
      pix: observed.pix ?? null,
      correlationId: flow.correlationId ?? req.paymentId,
      lateReply: observed.status === 'pending' ? lateReply : null,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    await this.repo.insert(m, row);
    const t = await this.apply(m, row, observed);
    return t ? { ...row, ...t.next, reason: observed.reason ?? null } : row;
  }

  private async pix(gateway: PaymentGateway, charge: ChargeRequest): Promise<ProviderPayment> {
    if (!gateway.createPix) throw new Error(`${gateway.provider} does not take Pix`);
    return gateway.createPix(charge);
  }

  /** Moves the stored payment to the observed state: ledger, events and row in the caller's transaction. */
  private async apply(m: EntityManager, row: PaymentRow, observed: ProviderPayment) {
    const t = transition(row, observed);
    if (!t.credit && !t.fail && t.refundCentavos === 0) return undefined;
    const flow: Flow = { tenantId: row.tenantId, correlationId: row.correlationId };
    const event = { source: 'payments', subject: row.paymentId, ...flow };
    const payment = {
      paymentId: row.paymentId,
      memberId: row.memberId,
      amountCentavos: row.amountCentavos,
      provider: row.provider,
    };
    if (t.credit) {
      await this.wallets.topUp(m, flow, row.memberId, row.amountCentavos, row.paymentId, row.provider);
      await this.outbox.publish(
        m,
        PaymentsPaymentSucceededV1.envelope({ ...event, data: { ...payment, method: row.method } }),
      );
    }
    if (t.refundCentavos > 0) {
      const recovered = await this.wallets.takeBack(
        m,
        flow,
        row.memberId,
        t.refundCentavos,
        row.paymentId,
        row.provider,
      );
      if (recovered < t.refundCentavos) {
        this.logger.warn(
          `payment ${row.paymentId}: ${t.refundCentavos - recovered} centavos refunded were already spent`,
        );
      }
      await this.outbox.publish(
        m,
        PaymentsPaymentRefundedV1.envelope({
          ...event,
          data: {
            paymentId: row.paymentId,
            memberId: row.memberId,
            provider: row.provider,
            refundedCentavos: t.refundCentavos,
            recoveredCentavos: recovered,
            unrecoveredCentavos: t.refundCentavos - recovered,
          },
        }),
      );
    }
    if (t.fail) {
      await this.outbox.publish(
        m,
        PaymentsPaymentFailedV1.envelope({
          ...event,
          data: {
            ...payment,
            reason: (observed.reason ?? 'the provider declined the payment').slice(0, 500),
          },
        }),
      );
    }
    await this.repo.update(m, row, { ...t.next, reason: t.fail ? (observed.reason ?? null) : row.reason });
    return t;
  }
}

const declined = (reason: string, providerRef = ''): ProviderPayment => ({
  providerRef,
  status: 'failed',
  amountCentavos: 0,
  refundedCentavos: 0,
  reason,
});

function rethrowUnlessDeclined(error: unknown): ProviderPayment {
  if (error instanceof PaymentDeclinedError) return declined(error.reason, error.providerRef);
  throw error;
}
