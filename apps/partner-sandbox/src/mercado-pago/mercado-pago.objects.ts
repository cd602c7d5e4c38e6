/**
 * Mercado Pago's Payment and Refund resources as `/v1/payments` returns them: numeric ids, amounts in
 * reais as decimals, dates in MP's own offset (-04:00), snake_case metadata keys.
 */

export type PaymentStatus =
  'pending' | 'approved' | 'authorized' | 'in_process' | 'rejected' | 'cancelled' | 'refunded';

export interface MpRefund {
  id: number;
  payment_id: number;
  amount: number;
  metadata: Record<string, unknown>;
  source: { id: string; name: string; type: 'collector' };
  date_created: string;
  unique_sequence_number: null;
  refund_mode: 'standard';
  adjustment_amount: 0;
  status: 'approved';
  reason: null;
  labels: string[];
  amount_refunded_to_payer: number;
  partition_details: unknown[];
}

export interface MpPayment {
  id: number;
  date_created: string;
  date_approved: string | null;
  date_last_updated: string;
  date_of_expiration: string | null;
  money_release_date: string | null;
  money_release_status: 'pending' | 'released' | null;
  operation_type: 'regular_payment';
  issuer_id: string | null;
  payment_method_id: string;
  payment_type_id: 'bank_transfer' | 'credit_card' | 'debit_card';
  payment_method: { id: string; type: string; issuer_id: string | null };
  status: PaymentStatus;
  status_detail: string;
  currency_id: 'BRL';
  description: string | null;
  live_mode: false;
  authorization_code: string | null;
  collector_id: number;
  payer: {
    id: string | null;
    email: string;
    first_name: string | null;
    last_name: string | null;
    identification: { type: string | null; number: string | null };
    type: null;
  };
  metadata: Record<string, unknown>;
  additional_info: Record<string, unknown>;
  external_reference: string | null;
  transaction_amount: number;
  transaction_amount_refunded: number;
  coupon_amount: 0;
  installments: number;
  transaction_details: {
    net_received_amount: number;
    total_paid_amount: number;
    overpaid_amount: 0;
    installment_amount: number;
    financial_institution: string | null;
    payment_method_reference_id: string | null;
    acquirer_reference: null;
    external_resource_url: null;
    transaction_id: string | null;
  };
  fee_details: unknown[];
  charges_details: unknown[];
  captured: boolean;
  binary_mode: boolean;
  statement_descriptor: string | null;
  card: Record<string, unknown>;
  notification_url: string | null;
  refunds: MpRefund[];
  processing_mode: 'aggregator';
  point_of_interaction: Record<string, unknown>;
}

/** MP answers in its servers' offset: `2025-03-01T10:00:00.000-04:00`. */
export function mpDate(at = Date.now()): string {
  return new Date(at - 4 * 3_600_000).toISOString().replace('Z', '-04:00');
}

/** Numeric ids from a per-process base, like MP's 10–11 digit payment ids. */
export class NumericIds {
  private next: number;
  constructor(base: number) {
    this.next = base + Math.floor(Math.random() * 1_000_000) * 100;
  }
  take(): number {
    return this.next++;
  }
}

/** MP stores metadata keys in snake_case (`paymentId` comes back as `payment_id`): receivers must cope. */
export function snakeCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCaseKeys);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase(),
      snakeCaseKeys(v),
    ]),
  );
}

/** The collector (seller) id is the last segment of an MP access token (`TEST-…-123456789`). */
export function collectorIdOf(accessToken: string): number {
  const last = accessToken.split('-').pop() ?? '';
  return /^\d{6,12}$/.test(last) ? Number(last) : 1_234_567_890;
}
