import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  PaymentsChargeTopUpResultV1,
  PaymentsPaymentFailedV1,
  PaymentsPaymentRefundedV1,
  PaymentsPaymentSucceededV1,
} from '@sportclub/contracts';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import type { Transaction } from '@sportclub/service-kit';
import { isExactCentavos } from '../../../shared/domain/centavos';
import type { Flow } from '../../../shared/domain/flow';
import type { LateReply, Payment, PaymentMethod, Provider } from '../../domain/payment';
import { transition } from '../../domain/payment-status';
import { storableText } from '../../domain/provider-text';
import { chargeFor, type BelowMinimum } from '../../domain/top-up-amount';
import {
  PAYMENT_GATEWAYS,
  PaymentRefusedError,
  type ChargeRequest,
  type PaymentGateway,
  type PaymentGateways,
  type ProviderPayment,
} from '../ports/payment-gateway.port';
import { PAYMENT_REPOSITORY, type PaymentRepositoryPort } from '../ports/payment.repository.port';
import { TOP_UP_LIMITS, type TopUpLimits } from '../ports/top-up-limits.port';
import { WALLET_CREDITS, type WalletCredits } from '../ports/wallet-credits.port';

export interface TopUpRequest {
  paymentId: string;
  memberId: string;
  amountCentavos: number;
  method: PaymentMethod;
  /** The provider's idempotency key: the same key can never charge twice. */
  idempotencyKey: string;
}

/**
 * The bookkeeping every top-up shares. A payment row is written in the same transaction as its first
 * outcome, its ledger movement and its events; the provider call happens before, under the payment id's
 * lock and with an idempotency key, so a redelivered command gets the provider's first answer back
 * instead of a second charge. Later news (webhooks) is reconciled by fetching the payment from the
 * provider and moving the stored payment to that state.
 */
@Injectable()
export class RecordPaymentHandler {
  private readonly logger = new Logger('TopUps');

  constructor(
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepositoryPort,
    @Inject(PAYMENT_GATEWAYS) private readonly gateways: PaymentGateways,
    @Inject(WALLET_CREDITS) private readonly wallets: WalletCredits,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
    @Inject(TOP_UP_LIMITS) private readonly limits: TopUpLimits,
  ) {}

  /**
   * The payment with this id, or — the first time — a new one with the provider's first answer to
   * `call`: recorded, and booked when the provider already says it succeeded. An amount below the
   * provider's smallest charge is raised to it or refused (`belowMinimum`), and one above the top-up
   * limit refused, before the provider is asked; a provider's definite refusal (a declined card, a request it will never accept) is recorded as a
   * failed payment — an answer, never an error to retry.
   */
  async open(
    tx: Transaction,
    flow: Flow,
    req: TopUpRequest,
    options: { lateReply?: LateReply | null; belowMinimum: BelowMinimum },
    call: (gateway: PaymentGateway, charge: ChargeRequest) => Promise<ProviderPayment>,
  ): Promise<Payment> {
    await this.payments.lockId(tx, flow.tenantId, req.paymentId);
    const existing = await this.payments.find(tx, flow.tenantId, req.paymentId);
    if (existing) return existing;
    const provider =
      req.method === 'pix' ? this.gateways.pixProvider : this.gateways.cardProvider(flow.tenantId);
    const gateway = this.gateways.get(provider);
    const decision = chargeFor(
      req.amountCentavos,
      { minimumCentavos: gateway.minimumChargeCentavos, maximumCentavos: this.limits.maximumCentavos },
      options.belowMinimum,
      provider,
    );
    if ('refused' in decision && !isExactCentavos(req.amountCentavos)) {
      // Beyond exact centavos the amount is not the one that was sent, so no payment is recorded with it:
      // the refusal is the answer, the same to every redelivery.
      this.logger.warn(`payment ${req.paymentId} refused, not recorded: ${decision.refused}`);
      return unrecorded(flow, req, provider, decision.refused);
    }
    const amountCentavos = 'chargeCentavos' in decision ? decision.chargeCentavos : req.amountCentavos;
    const observed = storable(
      'refused' in decision
        ? failedPayment(decision.refused)
        : await call(gateway, {
            tenantId: flow.tenantId,
            paymentId: req.paymentId,
            memberId: req.memberId,
            amountCentavos,
            idempotencyKey: req.idempotencyKey,
            description: `Sport Tech Club credit top-up ${req.paymentId}`,
          }).catch(refusedAsFailed),
    );
    const row: Payment = {
      tenantId: flow.tenantId,
      paymentId: req.paymentId,
      memberId: req.memberId,
      amountCentavos,
      provider,
      method: req.method,
      status: 'pending',
      refundedCentavos: 0,
      providerRef: observed.providerRef || null,
      reason: null,
      pix: observed.pix ?? null,
      correlationId: flow.correlationId ?? req.paymentId,
      lateReply: observed.status === 'pending' ? (options.lateReply ?? null) : null,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    await this.payments.insert(tx, row);
    const t = await this.apply(tx, row, observed);
    return t ? { ...row, ...t.next, reason: observed.reason ?? null } : row;
  }

  /**
   * Applies what the provider says about one of its payments now. Answers `unknown` while no payment
   * has that reference (its charge is still being recorded): the caller tries again later.
   */
  async reconcile(
    tx: Transaction,
    provider: Provider,
    providerRef: string,
    fetched: ProviderPayment,
  ): Promise<'applied' | 'unchanged' | 'unknown'> {
    const observed = storable(fetched);
    const row = await this.payments.findByProviderRef(tx, provider, providerRef);
    if (!row) return 'unknown';
    const wasPending = row.status === 'pending';
    const t = await this.apply(tx, row, observed);
    if (!t) return 'unchanged';
    if (wasPending && row.lateReply) {
      await this.outbox.reply(
        tx,
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

  /** Moves the stored payment to the observed state: ledger, events and row in the caller's transaction. */
  private async apply(tx: Transaction, row: Payment, observed: ProviderPayment) {
    if (observed.refundedCentavos > row.amountCentavos) {
      this.logger.warn(
        `payment ${row.paymentId}: ${row.provider} reports ${observed.refundedCentavos} centavos refunded of ` +
          `${row.amountCentavos} charged; no more than the payment is taken back`,
      );
    }
    const t = transition(row, observed, row.amountCentavos);
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
      await this.wallets.credit(tx, flow, payment);
      await this.outbox.publish(
        tx,
        PaymentsPaymentSucceededV1.envelope({ ...event, data: { ...payment, method: row.method } }),
      );
    }
    if (t.refundCentavos > 0) {
      const recovered = await this.wallets.takeBack(tx, flow, {
        ...payment,
        amountCentavos: t.refundCentavos,
      });
      if (recovered < t.refundCentavos) {
        this.logger.warn(
          `payment ${row.paymentId}: ${t.refundCentavos - recovered} centavos refunded were already spent`,
        );
      }
      await this.outbox.publish(
        tx,
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
        tx,
        PaymentsPaymentFailedV1.envelope({
          ...event,
          data: {
            ...payment,
            reason: (observed.reason ?? 'the provider declined the payment').slice(0, 500),
          },
        }),
      );
    }
    await this.payments.update(tx, row, {
      ...t.next,
      reason: t.fail ? (observed.reason ?? null) : row.reason,
    });
    return t;
  }
}

/**
 * A provider's answer made safe to keep: its free text (a decline message, the Pix code) goes into
 * payment rows, events and replies, where PostgreSQL refuses a NUL.
 */
function storable(p: ProviderPayment): ProviderPayment {
  return {
    ...p,
    providerRef: storableText(p.providerRef, 255),
    ...(p.reason !== undefined && { reason: storableText(p.reason) }),
    ...(p.clientSecret !== undefined && { clientSecret: storableText(p.clientSecret) }),
    ...(p.pix && {
      pix: {
        qrCode: storableText(p.pix.qrCode, 2_000),
        ...(p.pix.qrCodeBase64 !== undefined && { qrCodeBase64: storableText(p.pix.qrCodeBase64, 200_000) }),
        ...(p.pix.ticketUrl !== undefined && { ticketUrl: storableText(p.pix.ticketUrl, 2_000) }),
        expiresAt: p.pix.expiresAt,
      },
    }),
  };
}

/** A refused top-up answered without a row: there is no exact amount to keep. */
function unrecorded(flow: Flow, req: TopUpRequest, provider: Provider, reason: string): Payment {
  const now = new Date();
  return {
    tenantId: flow.tenantId,
    paymentId: req.paymentId,
    memberId: req.memberId,
    amountCentavos: req.amountCentavos,
    provider,
    method: req.method,
    status: 'failed',
    refundedCentavos: 0,
    providerRef: null,
    reason,
    pix: null,
    correlationId: flow.correlationId ?? req.paymentId,
    lateReply: null,
    createdAt: now,
    updatedAt: now,
  };
}

function refusedAsFailed(error: unknown): ProviderPayment {
  if (error instanceof PaymentRefusedError) return failedPayment(error.reason, error.providerRef);
  throw error;
}

/** A provider answer recorded as a definite failure: a decline, or a charge never attempted. */
export const failedPayment = (reason: string, providerRef = ''): ProviderPayment => ({
  providerRef,
  status: 'failed',
  amountCentavos: 0,
  refundedCentavos: 0,
  reason,
});

/** A Pix charge from the gateway that takes Pix. */
export function pix(gateway: PaymentGateway, charge: ChargeRequest): Promise<ProviderPayment> {
  if (!gateway.createPix) throw new Error(`${gateway.provider} does not take Pix`);
  return gateway.createPix(charge);
}
