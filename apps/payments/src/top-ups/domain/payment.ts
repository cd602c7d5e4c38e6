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
  createdAt: Date;
  updatedAt: Date;
}
