import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  PaymentsChargeTopUpResultV1,
  PaymentsPaymentFailedV1,
  PaymentsPaymentRefundedV1,
  PaymentsPaymentSucceededV1,
} from '@sportclub/contracts';
import { OUTBOX, type OutboxPort } from '../../../shared/application/ports/outbox.port';
import { TRANSACTIONS, type Transaction, type Transactions } from '@sportclub/service-kit';
import { isExactCentavos } from '../../../shared/domain/centavos';
import type { Flow } from '../../../shared/domain/flow';
import type {
  LateReply,
  Payment,
  PaymentMethod,
  Provider,
  ProviderCall,
  ProviderRequest,
} from '../../domain/payment';
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

/** What a use case asks the provider for, or why it asks nothing (recorded as a failed payment). */
export type Ask = ProviderRequest | { refused: string };

/** A top-up as `open` leaves it. */
export interface OpenedPayment {
  payment: Payment;
  /** The provider's answer to the call this run made (storable text); absent when nothing was asked. */
  answer?: ProviderPayment;
}

/**
 * The bookkeeping every top-up shares. No transaction is open while a provider is called: a short one
 * records the payment `pending` with the call it is about to make (under the payment id's lock), the
 * call is made with the request's idempotency key, and another short one records the answer with the
 * ledger movement and the events. A re-run — a redelivered command, or the same one after a crash
 * between the call and its record — finds the recorded call and makes it again, and the provider
 * answers with the payment it already has instead of charging twice; once the answer is recorded, it
 * is what every later run gets back. Later news (webhooks) is reconciled by fetching the payment from
 * the provider and moving the stored payment to that state.
 */
@Injectable()
export class RecordPaymentHandler {
  private readonly logger = new Logger('TopUps');

  constructor(
    @Inject(TRANSACTIONS) private readonly db: Transactions,
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepositoryPort,
    @Inject(PAYMENT_GATEWAYS) private readonly gateways: PaymentGateways,
    @Inject(WALLET_CREDITS) private readonly wallets: WalletCredits,
    @Inject(OUTBOX) private readonly outbox: OutboxPort,
    @Inject(TOP_UP_LIMITS) private readonly limits: TopUpLimits,
  ) {}

  /**
   * The payment with this id, or — the first time — a new one with the provider's first answer to what
   * `ask` decides (in the first transaction, which it may read): recorded, and booked when the provider
   * already says it succeeded. An amount below the provider's smallest charge is raised to it or refused
   * (`belowMinimum`), and one above the top-up limit refused, before the provider is asked; a provider's
   * definite refusal (a declined card, a request it will never accept) is recorded as a failed payment —
   * an answer, never an error to retry. An outage throws, leaving the payment waiting on its call for
   * the retry.
   */
  async open(
    flow: Flow,
    req: TopUpRequest,
    options: { lateReply?: LateReply | null; belowMinimum: BelowMinimum },
    ask: (tx: Transaction, gateway: PaymentGateway) => Promise<Ask>,
  ): Promise<OpenedPayment> {
    const found = await this.db.run((tx) => this.findOrCreate(tx, flow, req, options, ask));
    if (!found.providerCall) return { payment: found };
    const answer = storable(await this.call(found, found.providerCall).catch(refusedAsFailed));
    return { payment: await this.db.run((tx) => this.recordAnswer(tx, found, answer)), answer };
  }

  /**
   * The first short transaction: the payment as stored, or a new one — waiting on its provider call, or
   * failed at once when refused before any provider is asked.
   */
  private async findOrCreate(
    tx: Transaction,
    flow: Flow,
    req: TopUpRequest,
    options: { lateReply?: LateReply | null; belowMinimum: BelowMinimum },
    ask: (tx: Transaction, gateway: PaymentGateway) => Promise<Ask>,
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
    const asked = 'refused' in decision ? decision : await ask(tx, gateway);
    if ('operation' in asked) operationOf(gateway, asked);
    const row: Payment = {
      tenantId: flow.tenantId,
      paymentId: req.paymentId,
      memberId: req.memberId,
      amountCentavos: 'chargeCentavos' in decision ? decision.chargeCentavos : req.amountCentavos,
      provider,
      method: req.method,
      status: 'pending',
      refundedCentavos: 0,
      providerRef: null,
      reason: null,
      pix: null,
      correlationId: flow.correlationId ?? req.paymentId,
      lateReply: null,
      providerCall: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    if ('refused' in asked) {
      await this.payments.insert(tx, row);
      return this.applied(tx, row, failedPayment(asked.refused));
    }
    const waiting: Payment = {
      ...row,
      lateReply: options.lateReply ?? null,
      providerCall: { ...asked, idempotencyKey: req.idempotencyKey },
    };
    await this.payments.insert(tx, waiting);
    return waiting;
  }

  /** The recorded call, made again exactly as recorded: the provider's own idempotency does the rest. */
  private call(row: Payment, call: ProviderCall): Promise<ProviderPayment> {
    const gateway = this.gateways.get(row.provider);
    const charge: ChargeRequest = {
      tenantId: row.tenantId,
      paymentId: row.paymentId,
      memberId: row.memberId,
      amountCentavos: row.amountCentavos,
      idempotencyKey: call.idempotencyKey,
      description: `Sport Tech Club credit top-up ${row.paymentId}`,
    };
    return operationOf(gateway, call)(charge);
  }

  /**
   * The second short transaction: the provider's answer to the payment's call, with its ledger movement
   * and events. A twin run (a redelivery racing this one) that recorded it first wins: its record is
   * the answer, the same for both.
   */
  private async recordAnswer(tx: Transaction, asked: Payment, observed: ProviderPayment): Promise<Payment> {
    await this.payments.lockId(tx, asked.tenantId, asked.paymentId);
    const row = await this.payments.find(tx, asked.tenantId, asked.paymentId);
    if (!row) throw new Error(`payment ${asked.paymentId} is not recorded`);
    if (!row.providerCall) return row;
    const answered: Payment = {
      ...row,
      providerRef: observed.providerRef || null,
      pix: observed.pix ?? null,
      lateReply: observed.status === 'pending' ? row.lateReply : null,
      providerCall: null,
    };
    await this.payments.recordAnswer(tx, answered);
    return this.applied(tx, answered, observed);
  }

  /**
   * The payment moved to the observed state (see `apply`), read back as stored: the answer is then the
   * same to whoever asks later, a re-run after a crash included.
   */
  private async applied(tx: Transaction, row: Payment, observed: ProviderPayment): Promise<Payment> {
    await this.apply(tx, row, observed);
    const stored = await this.payments.find(tx, row.tenantId, row.paymentId);
    if (!stored) throw new Error(`payment ${row.paymentId} is not recorded`);
    return stored;
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
    providerCall: null,
    createdAt: now,
    updatedAt: now,
  };
}

function refusedAsFailed(error: unknown): ProviderPayment {
  if (error instanceof PaymentRefusedError) return failedPayment(error.reason, error.providerRef);
  throw error;
}

/** A provider answer recorded as a definite failure: a decline, or a charge never attempted. */
const failedPayment = (reason: string, providerRef = ''): ProviderPayment => ({
  providerRef,
  status: 'failed',
  amountCentavos: 0,
  refundedCentavos: 0,
  reason,
});

/**
 * How the gateway makes a call. One it does not offer is a configuration error: it throws in the first
 * transaction, before anything is recorded (a use case that can answer without it asks for nothing).
 */
function operationOf(
  gateway: PaymentGateway,
  call: ProviderRequest,
): (charge: ChargeRequest) => Promise<ProviderPayment> {
  switch (call.operation) {
    case 'charge-saved-card':
      return (charge) => gateway.chargeSaved(charge, call.card);
    case 'card-payment': {
      const create = gateway.createCardPayment;
      if (!create) throw new Error(`${gateway.provider} takes card top-ups only with a saved card`);
      return (charge) => create.call(gateway, charge);
    }
    case 'pix': {
      const create = gateway.createPix;
      if (!create) throw new Error(`${gateway.provider} does not take Pix`);
      return (charge) => create.call(gateway, charge);
    }
  }
}
