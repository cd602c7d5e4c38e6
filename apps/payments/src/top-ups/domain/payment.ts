import type { PaymentState } from './payment-status';

/** The providers a tenant can take payments with. */
export type Provider = 'stripe' | 'mercadopago' | 'pagseguro';

export type PaymentMethod = 'card' | 'pix';

export interface PixCharge {
  qrCode: string;
  qrCodeBase64?: string;
  ticketUrl?: string;
  expiresAt: string;
}

/** Whom to answer when a pending payment settles later, and the command that answer belongs to. */
export interface LateReply {
  replyTo: string;
  correlationId: string;
  commandId: string;
}

/** A member's card as saved with a provider, for off-session charges. */
export interface SavedMethod {
  methodId: string;
  customerRef?: string;
  brand?: string;
  last4?: string;
}

/**
 * What a top-up asks its provider for: an off-session charge of a saved card (the card as it was when
 * the call was recorded), a card payment the member confirms in the app, or a Pix QR code.
 */
export type ProviderRequest =
  { operation: 'charge-saved-card'; card: SavedMethod } | { operation: 'card-payment' | 'pix' };

/**
 * The provider call a payment waits on. It is recorded with the payment, in a short transaction, before
 * it is made — no transaction stays open across a provider call — and cleared with the provider's
 * answer. Whoever finds it still there (a redelivered command, the same command after a crash between
 * the call and its record) makes exactly this call again: same operation, same card, same idempotency
 * key, so the provider answers with the payment it already has instead of charging twice.
 */
export type ProviderCall = ProviderRequest & { idempotencyKey: string };

/** A wallet top-up and what its provider last said about it. */
export interface Payment extends PaymentState {
  tenantId: string;
  paymentId: string;
  memberId: string;
  amountCentavos: number;
  provider: Provider;
  method: PaymentMethod;
  providerRef: string | null;
  reason: string | null;
  pix: PixCharge | null;
  /** The flow the payment belongs to (its events carry it). */
  correlationId: string;
  lateReply: LateReply | null;
  /** The provider call still unanswered (see ProviderCall); null once its answer is recorded. */
  providerCall: ProviderCall | null;
  createdAt: Date;
  updatedAt: Date;
}
