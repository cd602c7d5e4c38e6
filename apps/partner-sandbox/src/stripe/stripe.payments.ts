import { Injectable } from '@nestjs/common';
import { StripeApiException, invalidRequest } from './stripe.errors';
import { StripeEvents } from './stripe.events';
import {
  now,
  stripeId,
  type StripeCharge,
  type StripePaymentIntent,
  type StripePaymentMethod,
  type StripeRefund,
} from './stripe.objects';
import type { StripeRequestInfo } from './stripe.request';
import { StripeStore } from './stripe.store';
import { TEST_CARDS, cardDetails, isTestCard } from './stripe.test-cards';

const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation'];
const CANCELABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action', 'processing'];

/**
 * What happens to money in the simulated Stripe account: PaymentMethods made from test cards, a
 * PaymentIntent's confirmation (a charge that succeeds or is declined per the card) and refunds, each
 * with the events Stripe sends.
 */
@Injectable()
export class StripePayments {
  constructor(
    private readonly store: StripeStore,
    private readonly events: StripeEvents,
  ) {}

  /** A new `pm_…` from a test alias (`pm_card_visa`), remembering how charging it behaves. */
  paymentMethodFromTestCard(alias: string, customer: string | null): StripePaymentMethod {
    const pm: StripePaymentMethod = {
      id: stripeId('pm'),
      object: 'payment_method',
      type: 'card',
      card: cardDetails(alias),
      billing_details: {
        address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
        email: null,
        name: null,
        phone: null,
      },
      customer,
      created: now(),
      metadata: {},
      allow_redisplay: 'unspecified',
      livemode: false,
    };
    this.store.paymentMethods.set(pm.id, pm);
    this.store.behaviours.set(pm.id, TEST_CARDS[alias].behaviour);
    return pm;
  }

  /** An existing `pm_…` (named by `param`, or in the URL), or a test alias made into a new one. */
  resolvePaymentMethod(id: string, param?: string): StripePaymentMethod {
    return isTestCard(id) ? this.paymentMethodFromTestCard(id, null) : this.store.paymentMethod(id, param);
  }

  notAttached(pmId: string) {
    return invalidRequest(
      `The customer does not have a payment method with the ID ${pmId}. The payment method must be attached to the customer.`,
      'invoice_settings[default_payment_method]',
    );
  }

  attach(pm: StripePaymentMethod, customerId: string): StripePaymentMethod {
    if (pm.customer && pm.customer !== customerId) {
      throw invalidRequest(
        'The payment method you provided has already been attached to a customer.',
        undefined,
        'payment_method_unexpected_state',
      );
    }
    pm.customer = customerId;
    return pm;
  }

  created(pi: StripePaymentIntent, request: StripeRequestInfo): void {
    this.events.emit('payment_intent.created', pi, pi.id, request);
  }

  /**
   * Confirms a PaymentIntent: charges its PaymentMethod. A decline leaves the intent in
   * `requires_payment_method` with `last_payment_error` and answers 402 with Stripe's card error
   * (which the SDK raises as StripeCardError), after `payment_intent.payment_failed` is queued.
   */
  confirm(
    pi: StripePaymentIntent,
    pmId: string | undefined,
    request: StripeRequestInfo,
  ): StripePaymentIntent {
    if (!CONFIRMABLE.includes(pi.status)) {
      throw invalidRequest(
        `You cannot confirm this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(', ')}.`,
        undefined,
        'payment_intent_unexpected_state',
      );
    }
    const id = pmId ?? pi.payment_method;
    if (!id) {
      throw invalidRequest(
        "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
        'payment_method',
        'payment_intent_unexpected_state',
      );
    }
    const pm = this.resolvePaymentMethod(id, 'payment_method');
    this.checkOwnership(pi, pm);
    const behaviour = this.store.behaviours.get(pm.id) ?? { outcome: 'succeed' };
    const charge = this.charge(pi, pm, behaviour.outcome === 'succeed' ? null : behaviour);
    pi.latest_charge = charge.id;
    if (behaviour.outcome === 'succeed') {
      Object.assign(pi, {
        status: 'succeeded',
        payment_method: pm.id,
        amount_received: pi.amount,
        last_payment_error: null,
      });
      this.events.emit('payment_intent.succeeded', pi, pi.id, request);
      return pi;
    }
    const error = {
      type: 'card_error' as const,
      code: 'card_declined' as const,
      decline_code: behaviour.declineCode,
      message: behaviour.message,
      charge: charge.id,
      doc_url: 'https://stripe.com/docs/error-codes/card-declined',
      payment_method: structuredClone(pm),
    };
    Object.assign(pi, { status: 'requires_payment_method', payment_method: null, last_payment_error: error });
    this.events.emit('payment_intent.payment_failed', pi, pi.id, request);
    throw new StripeApiException(402, { ...error, payment_intent: structuredClone(pi) });
  }

  cancel(
    pi: StripePaymentIntent,
    reason: string | undefined,
    request: StripeRequestInfo,
  ): StripePaymentIntent {
    if (!CANCELABLE.includes(pi.status)) {
      throw invalidRequest(
        `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(', ')}.`,
        undefined,
        'payment_intent_unexpected_state',
      );
    }
    Object.assign(pi, { status: 'canceled', canceled_at: now(), cancellation_reason: reason ?? null });
    this.events.emit('payment_intent.canceled', pi, pi.id, request);
    return pi;
  }

  /** Refunds part or all of a succeeded charge; never more than is left of what was received. */
  refund(
    charge: StripeCharge,
    input: { amount?: number; reason?: StripeRefund['reason']; metadata?: Record<string, string> },
    request: StripeRequestInfo,
  ): StripeRefund {
    if (charge.status !== 'succeeded') {
      throw invalidRequest(`Charge ${charge.id} has not succeeded and cannot be refunded.`, 'charge');
    }
    const left = charge.amount_captured - charge.amount_refunded;
    if (left === 0) {
      throw invalidRequest(
        `Charge ${charge.id} has already been refunded.`,
        undefined,
        'charge_already_refunded',
      );
    }
    const amount = input.amount ?? left;
    if (amount <= 0) throw invalidRequest('Invalid positive integer', 'amount');
    if (amount > left) {
      throw invalidRequest(
        `Refund amount (${money(amount, charge.currency)}) is greater than unrefunded amount on charge (${money(left, charge.currency)})`,
        'amount',
      );
    }
    const refund: StripeRefund = {
      id: stripeId('re'),
      object: 'refund',
      amount,
      balance_transaction: stripeId('txn'),
      charge: charge.id,
      created: now(),
      currency: charge.currency,
      metadata: input.metadata ?? {},
      payment_intent: charge.payment_intent,
      reason: input.reason ?? null,
      status: 'succeeded',
      livemode: false,
    };
    this.store.refunds.set(refund.id, refund);
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount_captured;
    this.events.emit('charge.refunded', charge, charge.payment_intent, request);
    return refund;
  }

  private checkOwnership(pi: StripePaymentIntent, pm: StripePaymentMethod): void {
    if (pm.customer && !pi.customer) {
      throw invalidRequest(
        'The provided PaymentMethod is attached to a Customer; to use it, please also provide the Customer ID (the `customer` parameter) when creating the PaymentIntent.',
        'payment_method',
      );
    }
    if (pm.customer && pi.customer && pm.customer !== pi.customer) {
      throw invalidRequest(
        `The provided PaymentMethod belongs to Customer ${pm.customer}, not to ${pi.customer} of this PaymentIntent.`,
        'payment_method',
      );
    }
  }

  private charge(
    pi: StripePaymentIntent,
    pm: StripePaymentMethod,
    decline: { declineCode: string; message: string } | null,
  ): StripeCharge {
    const { brand, last4, exp_month, exp_year, funding, country } = pm.card;
    const charge: StripeCharge = {
      id: stripeId('ch'),
      object: 'charge',
      amount: pi.amount,
      amount_captured: decline ? 0 : pi.amount,
      amount_refunded: 0,
      balance_transaction: decline ? null : stripeId('txn'),
      captured: !decline,
      created: now(),
      currency: pi.currency,
      customer: pi.customer,
      description: pi.description,
      failure_code: decline ? 'card_declined' : null,
      failure_message: decline?.message ?? null,
      metadata: { ...pi.metadata },
      outcome: decline
        ? {
            network_status: 'declined_by_network',
            reason: decline.declineCode,
            risk_level: 'normal',
            seller_message: 'The bank did not return any further details with this decline.',
            type: 'issuer_declined',
          }
        : {
            network_status: 'approved_by_network',
            reason: null,
            risk_level: 'normal',
            seller_message: 'Payment complete.',
            type: 'authorized',
          },
      paid: !decline,
      payment_intent: pi.id,
      payment_method: pm.id,
      payment_method_details: { type: 'card', card: { brand, last4, exp_month, exp_year, funding, country } },
      receipt_email: pi.receipt_email,
      receipt_url: null,
      disputed: false,
      refunded: false,
      status: decline ? 'failed' : 'succeeded',
      livemode: false,
    };
    this.store.charges.set(charge.id, charge);
    return charge;
  }
}

const money = (minor: number, currency: string) => `${(minor / 100).toFixed(2)} ${currency}`;
