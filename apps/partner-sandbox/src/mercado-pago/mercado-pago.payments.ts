import { ConflictException, Injectable } from '@nestjs/common';
import { cardOf, cardOutcome, cardPaymentType } from './mercado-pago.cards';
import { badRequest } from './mercado-pago.errors';
import { MercadoPagoNotifications } from './mercado-pago.notifications';
import { collectorIdOf, mpDate, snakeCaseKeys, type MpPayment, type MpRefund } from './mercado-pago.objects';
import { pixPointOfInteraction } from './mercado-pago.pix';
import { MercadoPagoStore } from './mercado-pago.store';

export interface CreatePaymentInput {
  transaction_amount: number;
  description?: string;
  payment_method_id: string;
  token?: string;
  installments?: number;
  issuer_id?: string | number;
  payer: {
    email: string;
    first_name?: string;
    last_name?: string;
    identification?: { type?: string; number?: string };
  };
  external_reference?: string;
  notification_url?: string;
  metadata?: Record<string, unknown>;
  date_of_expiration?: string;
  statement_descriptor?: string;
  binary_mode?: boolean;
  capture?: boolean;
}

/** MP's fee on what is received (Pix 0.99 %, cards 4.98 %): net_received_amount is less than paid. */
const FEE_RATE = { pix: 0.0099, card: 0.0498 };
const PIX_TTL_MS = 24 * 3_600_000;

const cents = (reais: number) => Math.round(reais * 100);
const reais = (c: number) => c / 100;

/**
 * Mercado Pago payments: Pix (pending until the payer pays or it expires — both driven through the
 * admin API) and cards (decided at once), refunds and cancellations, each change notified by webhook.
 */
@Injectable()
export class MercadoPagoPayments {
  private readonly refundKeys = new Map<string, MpRefund>();

  constructor(
    private readonly store: MercadoPagoStore,
    private readonly notifications: MercadoPagoNotifications,
  ) {}

  create(token: string, input: CreatePaymentInput, idempotencyKey: string | null): MpPayment {
    const known = this.store.byIdempotencyKey(token, idempotencyKey);
    if (known) return known;
    const pix = input.payment_method_id === 'pix';
    if (!pix && !input.token) throw badRequest('Card Token not found', 2006);
    if (!pix && input.installments === undefined) {
      throw badRequest("installments attribute can't be null", 3011);
    }
    const at = Date.now();
    const id = this.store.paymentIds.take();
    const collector = collectorIdOf(token);
    const type = pix ? 'bank_transfer' : cardPaymentType(input.payment_method_id);
    const [status, statusDetail] = pix
      ? (['pending', 'pending_waiting_transfer'] as const)
      : cardOutcome(input.token!);
    const payment: MpPayment = {
      id,
      date_created: mpDate(at),
      date_approved: null,
      date_last_updated: mpDate(at),
      date_of_expiration: pix
        ? mpDate(input.date_of_expiration ? Date.parse(input.date_of_expiration) : at + PIX_TTL_MS)
        : null,
      money_release_date: null,
      money_release_status: null,
      operation_type: 'regular_payment',
      issuer_id: pix ? null : String(input.issuer_id ?? '24'),
      payment_method_id: input.payment_method_id,
      payment_type_id: type,
      payment_method: {
        id: input.payment_method_id,
        type,
        issuer_id: pix ? null : String(input.issuer_id ?? '24'),
      },
      status,
      status_detail: statusDetail,
      currency_id: 'BRL',
      description: input.description ?? null,
      live_mode: false,
      authorization_code: null,
      collector_id: collector,
      payer: {
        id: null,
        email: input.payer.email,
        first_name: input.payer.first_name ?? null,
        last_name: input.payer.last_name ?? null,
        identification: {
          type: input.payer.identification?.type ?? null,
          number: input.payer.identification?.number ?? null,
        },
        type: null,
      },
      metadata: snakeCaseKeys(input.metadata ?? {}) as Record<string, unknown>,
      additional_info: {},
      external_reference: input.external_reference ?? null,
      transaction_amount: input.transaction_amount,
      transaction_amount_refunded: 0,
      coupon_amount: 0,
      installments: pix ? 1 : input.installments!,
      transaction_details: {
        net_received_amount: 0,
        total_paid_amount: input.transaction_amount,
        overpaid_amount: 0,
        installment_amount: pix
          ? 0
          : reais(Math.round(cents(input.transaction_amount) / input.installments!)),
        financial_institution: null,
        payment_method_reference_id: null,
        acquirer_reference: null,
        external_resource_url: null,
        transaction_id: null,
      },
      fee_details: [],
      charges_details: [],
      captured: input.capture ?? true,
      binary_mode: input.binary_mode ?? false,
      statement_descriptor: input.statement_descriptor ?? null,
      card: pix ? {} : cardOf(input.payment_method_id, input.payer, at),
      notification_url: input.notification_url ?? null,
      refunds: [],
      processing_mode: 'aggregator',
      point_of_interaction: pix
        ? pixPointOfInteraction(id, input.transaction_amount, collector)
        : { type: 'UNSPECIFIED', business_info: { unit: 'online_payments', sub_unit: 'default' } },
    };
    if (status === 'approved') this.accredit(payment, at);
    this.store.save(token, payment, idempotencyKey);
    this.notifications.notify(payment, 'payment.created');
    if (pix) this.expireWhenDue(payment);
    return payment;
  }

  /** Admin: the payer paid the Pix. */
  approve(payment: MpPayment): MpPayment {
    this.requirePending(payment);
    Object.assign(payment, { status: 'approved', status_detail: 'accredited' });
    this.accredit(payment, Date.now());
    return this.updated(payment);
  }

  /** Admin: the Pix expired unpaid. */
  expire(payment: MpPayment): MpPayment {
    this.requirePending(payment);
    Object.assign(payment, { status: 'cancelled', status_detail: 'expired' });
    return this.updated(payment);
  }

  /** The seller cancels a payment not yet approved (`PUT /v1/payments/:id {status:"cancelled"}`). */
  cancel(payment: MpPayment): MpPayment {
    if (!['pending', 'in_process', 'authorized'].includes(payment.status)) {
      throw badRequest(`Payment can't be cancelled: its status is ${payment.status}`, 'invalid_status');
    }
    Object.assign(payment, { status: 'cancelled', status_detail: 'by_collector' });
    return this.updated(payment);
  }

  /** Refunds all or part of an approved payment; never more than is left. */
  refund(payment: MpPayment, amount: number | undefined, idempotencyKey: string | null): MpRefund {
    const key = idempotencyKey ? `${payment.id}\n${idempotencyKey}` : null;
    const known = key ? this.refundKeys.get(key) : undefined;
    if (known) return known;
    if (payment.status !== 'approved') {
      throw badRequest(`Payment can't be refunded: its status is ${payment.status}`, 'invalid_status');
    }
    const left = cents(payment.transaction_amount) - cents(payment.transaction_amount_refunded);
    const wanted = amount === undefined ? left : cents(amount);
    if (wanted <= 0 || wanted > left) {
      throw badRequest(
        `Invalid refund amount: ${reais(wanted)} (refundable: ${reais(left)})`,
        'invalid_amount',
      );
    }
    const refund: MpRefund = {
      id: this.store.refundIds.take(),
      payment_id: payment.id,
      amount: reais(wanted),
      metadata: {},
      source: { id: String(payment.collector_id), name: 'Sport Tech Club', type: 'collector' },
      date_created: mpDate(),
      unique_sequence_number: null,
      refund_mode: 'standard',
      adjustment_amount: 0,
      status: 'approved',
      reason: null,
      labels: [],
      amount_refunded_to_payer: reais(wanted),
      partition_details: [],
    };
    payment.refunds.push(refund);
    payment.transaction_amount_refunded = reais(cents(payment.transaction_amount_refunded) + wanted);
    const full = wanted === left;
    Object.assign(
      payment,
      full ? { status: 'refunded', status_detail: 'refunded' } : { status_detail: 'partially_refunded' },
    );
    if (key) this.refundKeys.set(key, refund);
    this.updated(payment);
    return refund;
  }

  /** An unpaid Pix expires by itself at `date_of_expiration`, as at MP (the admin API can do it sooner). */
  private expireWhenDue(payment: MpPayment): void {
    const due = Math.max(0, Date.parse(payment.date_of_expiration!) - Date.now());
    setTimeout(
      () => {
        if (payment.status === 'pending') this.expire(payment);
      },
      Math.min(due, 2 ** 31 - 1),
    ).unref();
  }

  private requirePending(payment: MpPayment): void {
    if (payment.status !== 'pending') {
      throw new ConflictException({
        error: 'payment_not_pending',
        message: `payment ${payment.id} is ${payment.status}; only a pending (Pix) payment can be paid or expire`,
      });
    }
  }

  private accredit(payment: MpPayment, at: number): void {
    const fee = Math.round(
      cents(payment.transaction_amount) *
        (payment.payment_method_id === 'pix' ? FEE_RATE.pix : FEE_RATE.card),
    );
    payment.date_approved = mpDate(at);
    payment.money_release_date = mpDate(at + (payment.payment_method_id === 'pix' ? 0 : 14 * 86_400_000));
    payment.money_release_status = payment.payment_method_id === 'pix' ? 'released' : 'pending';
    payment.authorization_code =
      payment.payment_method_id === 'pix' ? null : String(100000 + (payment.id % 900000));
    payment.fee_details = [{ type: 'mercadopago_fee', amount: reais(fee), fee_payer: 'collector' }];
    payment.transaction_details.net_received_amount = reais(cents(payment.transaction_amount) - fee);
  }

  private updated(payment: MpPayment): MpPayment {
    payment.date_last_updated = mpDate();
    this.notifications.notify(payment, 'payment.updated');
    return payment;
  }
}
