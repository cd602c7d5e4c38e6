import type { PixCharge, Provider, SavedMethod } from '../../domain/payment';

export type { SavedMethod } from '../../domain/payment';

/** A payment as the provider reports it, in this platform's terms. */
export interface ProviderPayment {
  providerRef: string;
  status: 'pending' | 'succeeded' | 'failed' | 'refunded';
  amountCentavos: number;
  refundedCentavos: number;
  /** Why it failed, in the provider's words (decline code and message). */
  reason?: string;
  /** A card payment the member's app still confirms. */
  clientSecret?: string;
  pix?: PixCharge;
}

export interface ChargeRequest {
  tenantId: string;
  paymentId: string;
  memberId: string;
  amountCentavos: number;
  /** Derived from the saga or request id: a replayed command cannot charge twice. */
  idempotencyKey: string;
  description: string;
}

/**
 * A definite "no" from the provider to this request: asking again cannot change the answer, so it is
 * an answer (a failed payment), never an outage to retry.
 */
export abstract class PaymentRefusedError extends Error {
  abstract readonly kind: 'declined' | 'invalid-request';

  constructor(
    readonly reason: string,
    /** The provider's record of the refused attempt, when it keeps one. */
    readonly providerRef?: string,
    /** The provider SDK's own error. */
    cause?: unknown,
  ) {
    super(reason, { cause });
  }
}

/** A card the provider refused to save or charge: the member's problem, not an outage. */
export class PaymentDeclinedError extends PaymentRefusedError {
  readonly kind = 'declined';
  override name = 'PaymentDeclinedError';
}

/**
 * The provider refused the request itself (Stripe's `invalid_request_error`, a Mercado Pago or PagBank
 * 4xx validation error: an amount below its minimum, a malformed field).
 */
export class PaymentRequestInvalidError extends PaymentRefusedError {
  readonly kind = 'invalid-request';
  override name = 'PaymentRequestInvalidError';
}

/**
 * What payments needs from a payment provider. Every call is idempotent at the provider (idempotency
 * key) and goes through the resilience layer. A declined card throws PaymentDeclinedError or answers
 * `failed`; a request the provider refuses as invalid throws PaymentRequestInvalidError; an outage (a
 * network fault, a timeout, 408, 429, 5xx) throws anything else.
 */
export interface PaymentGateway {
  readonly provider: Provider;
  /** The smallest amount this provider charges, in centavos (configured per provider). */
  readonly minimumChargeCentavos: number;
  /** Charges a saved card without the member present (the check-in saga's top-up). */
  chargeSaved(req: ChargeRequest, method: SavedMethod): Promise<ProviderPayment>;
  /** A card payment the member confirms in the app; answers with its client secret. */
  createCardPayment?(req: ChargeRequest): Promise<ProviderPayment>;
  /** A Pix charge: pending with its QR code until the payer pays it. */
  createPix?(req: ChargeRequest): Promise<ProviderPayment>;
  /** The payment as the provider has it now (webhooks are only a hint to look). */
  fetch(tenantId: string, providerRef: string): Promise<ProviderPayment>;
  saveMethod(tenantId: string, memberId: string, token: string): Promise<SavedMethod>;
}

/** The configured adapters, and which provider takes which payments. */
export interface PaymentGateways {
  /** The provider that charges this tenant's cards. */
  cardProvider(tenantId: string): Provider;
  /** The provider of Pix charges. */
  readonly pixProvider: Provider;
  get(provider: Provider): PaymentGateway;
}

export const PAYMENT_GATEWAYS = Symbol('PAYMENT_GATEWAYS');
