import type { PixCharge, Provider } from '../../domain/payment';

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

export interface SavedMethod {
  methodId: string;
  customerRef?: string;
  brand?: string;
  last4?: string;
}

/** A card the provider refused to save or charge: the member's problem, not an outage. */
export class PaymentDeclinedError extends Error {
  constructor(
    readonly reason: string,
    /** The provider's record of the declined attempt, when it keeps one. */
    readonly providerRef?: string,
  ) {
    super(reason);
    this.name = 'PaymentDeclinedError';
  }
}

/**
 * What payments needs from a payment provider. Every call is idempotent at the provider (idempotency
 * key) and goes through the resilience layer; a declined card throws PaymentDeclinedError or answers
 * `failed`, an outage throws anything else.
 */
export interface PaymentGateway {
  readonly provider: Provider;
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
