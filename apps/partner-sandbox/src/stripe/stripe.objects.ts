import { randomInt } from 'node:crypto';

/**
 * Stripe API objects as the API returns them (the fields SDK users and a real integration read; the
 * rest of Stripe's long tail is left out rather than faked). Amounts are integers in the currency's
 * minor unit, times are unix seconds, ids carry Stripe's prefixes.
 */

export type Metadata = Record<string, string>;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export function stripeId(prefix: string, length = 24): string {
  let id = '';
  for (let i = 0; i < length; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}_${id}`;
}

export const now = (): number => Math.floor(Date.now() / 1000);

export interface StripeCustomer {
  id: string;
  object: 'customer';
  created: number;
  description: string | null;
  email: string | null;
  name: string | null;
  phone: string | null;
  metadata: Metadata;
  invoice_settings: { default_payment_method: string | null };
  currency: string | null;
  delinquent: boolean;
  livemode: false;
}

export interface CardDetails {
  brand: string;
  display_brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  funding: 'credit' | 'debit';
  country: string;
  fingerprint: string;
  checks: { address_line1_check: null; address_postal_code_check: null; cvc_check: 'pass' | null };
  networks: { available: string[]; preferred: null };
}

export interface StripePaymentMethod {
  id: string;
  object: 'payment_method';
  type: 'card';
  card: CardDetails;
  billing_details: {
    address: Record<'city' | 'country' | 'line1' | 'line2' | 'postal_code' | 'state', null>;
    email: null;
    name: null;
    phone: null;
  };
  customer: string | null;
  created: number;
  metadata: Metadata;
  allow_redisplay: 'unspecified';
  livemode: false;
}

export interface PaymentError {
  type: 'card_error';
  code: 'card_declined';
  decline_code: string;
  message: string;
  charge: string;
  doc_url: string;
  payment_method: StripePaymentMethod;
}

export type PaymentIntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'succeeded'
  | 'canceled';

export interface StripePaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  currency: string;
  customer: string | null;
  payment_method: string | null;
  payment_method_types: string[];
  /** Newer API versions' name for the types the intent may be paid with. */
  allowed_payment_method_types: string[] | null;
  excluded_payment_method_types: string[] | null;
  automatic_payment_methods: { enabled: true; allow_redirects: 'always' | 'never' } | null;
  status: PaymentIntentStatus;
  client_secret: string;
  capture_method: 'automatic' | 'automatic_async';
  confirmation_method: 'automatic' | 'manual';
  setup_future_usage: 'off_session' | 'on_session' | null;
  created: number;
  canceled_at: number | null;
  cancellation_reason: string | null;
  description: string | null;
  metadata: Metadata;
  latest_charge: string | null;
  last_payment_error: PaymentError | null;
  next_action: null;
  receipt_email: string | null;
  statement_descriptor: string | null;
  statement_descriptor_suffix: string | null;
  application_fee_amount: null;
  on_behalf_of: null;
  payment_method_options: null;
  processing: null;
  review: null;
  shipping: null;
  transfer_group: null;
  livemode: false;
}

export interface StripeCharge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  balance_transaction: string | null;
  captured: boolean;
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  failure_code: string | null;
  failure_message: string | null;
  metadata: Metadata;
  outcome: {
    network_status: 'approved_by_network' | 'declined_by_network';
    reason: string | null;
    risk_level: 'normal';
    seller_message: string;
    type: 'authorized' | 'issuer_declined';
  };
  paid: boolean;
  payment_intent: string;
  payment_method: string;
  payment_method_details: {
    type: 'card';
    card: Pick<CardDetails, 'brand' | 'last4' | 'exp_month' | 'exp_year' | 'funding' | 'country'>;
  };
  receipt_email: string | null;
  receipt_url: null;
  disputed: false;
  refunded: boolean;
  status: 'succeeded' | 'failed';
  livemode: false;
}

export interface StripeRefund {
  id: string;
  object: 'refund';
  amount: number;
  balance_transaction: string;
  charge: string;
  created: number;
  currency: string;
  metadata: Metadata;
  payment_intent: string;
  reason: 'duplicate' | 'fraudulent' | 'requested_by_customer' | null;
  status: 'succeeded';
  livemode: false;
}

export interface StripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: unknown; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export interface StripeList<T> {
  object: 'list';
  data: T[];
  has_more: false;
  url: string;
}

export const list = <T>(url: string, data: T[]): StripeList<T> => ({
  object: 'list',
  data,
  has_more: false,
  url,
});
